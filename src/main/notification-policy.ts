/**
 * Whether an engine notification becomes a native one. The engine already applies the cooldown
 * (one per episode); this adds the user's per-kind switches and drops repeats of the same id, so a
 * re-emitted event never pops up twice. Pure.
 */
import type { Settings } from '../shared/settings';
import type { AppNotification } from '../shared/snapshot';

export type NotificationDecision = { show: true } | { show: false; reason: string };

export interface NotificationPolicy {
  decide(notification: AppNotification, switches: Settings['notifications']): NotificationDecision;
}

/** Remembers the last `memory` ids: plenty for one per episode, bounded for a months-long run. */
export function createNotificationPolicy(memory = 500): NotificationPolicy {
  const seen = new Set<string>();

  function remember(id: string): void {
    seen.add(id);
    if (seen.size <= memory) return;
    const oldest = seen.values().next();
    if (!oldest.done) seen.delete(oldest.value);
  }

  return {
    decide(notification, switches) {
      if (seen.has(notification.id)) return { show: false, reason: 'already shown' };
      remember(notification.id);
      const enabled = notification.kind === 'spike' ? switches.spike : switches.trustFailure;
      if (!enabled) return { show: false, reason: `${notification.kind} notifications are off` };
      return { show: true };
    },
  };
}
