/**
 * Forwards engine events to the renderer only while its window is on screen. The engine keeps
 * sampling in the main process; a hidden popover receives nothing, so it renders nothing and
 * costs no energy (monitoring apps are judged on their own energy use). Snapshots go out as
 * viewSnapshot cuts them: the rows past the most urgent are fetched by page. Pure.
 */
import type { PushChannel, PushChannels } from '../shared/ipc-contract';
import type { AppNotification, Snapshot } from '../shared/snapshot';
import { viewSnapshot } from '../shared/connection-query';

export type PushSend = <P extends PushChannel>(channel: P, payload: PushChannels[P]) => void;

export interface PushRelay {
  /** The window became visible: it gets the latest snapshot at once, then every new one. */
  shown(latest: Snapshot | null): void;
  hidden(): void;
  snapshot(snapshot: Snapshot): void;
  notification(notification: AppNotification): void;
  readonly visible: boolean;
}

export function createPushRelay(send: PushSend): PushRelay {
  let visible = false;
  return {
    shown(latest) {
      visible = true;
      if (latest) send('snapshot', viewSnapshot(latest));
    },
    hidden() {
      visible = false;
    },
    snapshot(snapshot) {
      if (visible) send('snapshot', viewSnapshot(snapshot));
    },
    notification(notification) {
      if (visible) send('notification', notification);
    },
    get visible() {
      return visible;
    },
  };
}
