/**
 * Shows the engine's notifications natively, as they come: the core's notifier already decided
 * which ones to send (the user's switches, one per episode). Clicking one opens the popover.
 * Since Electron 42 macOS shows them through UNNotification, which refuses apps that are not
 * code-signed and says so with a `failed` event: that fate goes to `delivered`, so the popover
 * and Settings can say it. The alert is recorded and listed in the popover either way.
 */
import { Notification } from 'electron';
import type { Engine } from '../core/engine-api';
import { errorLine } from '../shared/error-line';
import type { NotificationDelivery } from './host-status';

/** macOS drops click handlers of notifications that were garbage-collected; keep the recent ones. */
const KEEP_ALIVE = 10;

export function showEngineNotifications(
  engine: Pick<Engine, 'on'>,
  open: () => void,
  delivered: (delivery: NotificationDelivery) => void,
): void {
  const alive: Notification[] = [];
  engine.on('notification', (event) => {
    if (!Notification.isSupported()) return delivered({ state: 'unsupported' });
    const native = new Notification({ title: event.title, body: event.body });
    native.on('click', open);
    native.on('show', () => delivered({ state: 'shown' }));
    native.on('failed', (_event, error) => {
      console.warn(`apsd-watch: notification not shown: ${errorLine(error)}`);
      delivered({ state: 'refused', error: errorLine(error) });
    });
    native.show();
    alive.push(native);
    if (alive.length > KEEP_ALIVE) alive.shift();
  });
}
