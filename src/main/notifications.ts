/**
 * Shows the engine's notifications natively, as they come: the core's notifier already decided
 * which ones to send (the user's switches, one per episode). Clicking one opens the popover.
 * Since Electron 42 macOS shows them through UNNotification, which refuses unsigned apps: that
 * failure is logged, not thrown.
 */
import { Notification } from 'electron';
import type { Engine } from '../core/engine-api';
import { errorLine } from '../shared/error-line';

/** macOS drops click handlers of notifications that were garbage-collected; keep the recent ones. */
const KEEP_ALIVE = 10;

export function showEngineNotifications(engine: Engine, open: () => void): void {
  const alive: Notification[] = [];
  engine.on('notification', (event) => {
    if (!Notification.isSupported()) return;
    const native = new Notification({ title: event.title, body: event.body });
    native.on('click', open);
    native.on('failed', (_event, error) =>
      console.warn(`apsd-watch: notification not shown: ${errorLine(error)}`),
    );
    native.show();
    alive.push(native);
    if (alive.length > KEEP_ALIVE) alive.shift();
  });
}
