/**
 * One push relay per app window, driven by the window's own show/hide/minimize/restore events:
 * whoever shows the window (menubar's click, a notification, the fallback), pushes start with the
 * latest snapshot and stop when it is hidden, so a hidden popover renders nothing.
 */
import type { BrowserWindow } from 'electron';
import type { AppNotification, Snapshot } from '../shared/snapshot';
import { pushTo } from './ipc';
import { createPushRelay, type PushRelay } from './push-relay';

export class WindowRelays {
  private readonly relays = new Set<PushRelay>();

  constructor(
    private readonly latest: () => Snapshot | null,
    /** The popover opened: apsd's client list is read again (the engine limits how often). */
    private readonly opened: () => void = () => undefined,
  ) {}

  attach(window: BrowserWindow): void {
    const relay = createPushRelay(pushTo(window));
    this.relays.add(relay);
    window.once('closed', () => this.relays.delete(relay));
    const update = () =>
      window.isVisible() && !window.isMinimized() ? relay.shown(this.latest()) : relay.hidden();
    window.on('show', update);
    window.on('show', () => this.opened());
    window.on('hide', update);
    window.on('minimize', update);
    window.on('restore', update);
  }

  snapshot(snapshot: Snapshot): void {
    for (const relay of this.relays) relay.snapshot(snapshot);
  }

  notification(notification: AppNotification): void {
    for (const relay of this.relays) relay.notification(notification);
  }
}
