/**
 * The one place that decides notifications: one when a FIN_WAIT_1 spike starts (the detector
 * gives one start per episode, after its cooldown), one per burst of fresh trust failures, none
 * for a kind the user switched off. Hosts show every notification the engine emits, as is.
 */
import type { AppNotification, LogEvent } from '../../shared/snapshot';
import { formatCount, formatDuration, formatClock } from '../../shared/format';
import type { SpikeStart } from '../analysis/spike-detector';

/** The interception pattern is several lines in a row; one notification covers a burst. */
export const TRUST_FAILURE_COOLDOWN_MS = 10 * 60_000;
/** Back-filled history is shown, not announced: only failures this recent notify. */
export const TRUST_FAILURE_FRESH_MS = 15 * 60_000;

export interface NotifierSettings {
  spike: boolean;
  trustFailure: boolean;
}

export class Notifier {
  private lastTrustNoticeAt = -Infinity;

  constructor(private daemonName: string) {}

  /** Watching another process changes the wording, not the cooldown of a burst in progress. */
  rename(daemonName: string): void {
    this.daemonName = daemonName;
  }

  spikeStarted(start: SpikeStart, now: Date, enabled: NotifierSettings): AppNotification | null {
    if (!enabled.spike) return null;
    const over = start.overSeconds > 0 ? ` over ${formatDuration(start.overSeconds)}` : '';
    return {
      id: `spike-${now.getTime()}`,
      kind: 'spike',
      at: now.toISOString(),
      title: `${formatCount(start.count)} ${this.daemonName} connections stuck in FIN_WAIT_1`,
      body: `Up from about ${formatCount(Math.round(start.baseline))}${over}. Lingering sockets hold memory; they are not by themselves a sign of an attack.`,
    };
  }

  /** At most one notification per cooldown, for failures that happened just now. */
  logEvents(
    events: readonly LogEvent[],
    now: Date,
    enabled: NotifierSettings,
  ): AppNotification | null {
    if (!enabled.trustFailure) return null;
    const recent = events.filter(
      (e) =>
        e.kind === 'trust-failure' && now.getTime() - Date.parse(e.time) <= TRUST_FAILURE_FRESH_MS,
    );
    if (recent.length === 0 || now.getTime() - this.lastTrustNoticeAt < TRUST_FAILURE_COOLDOWN_MS)
      return null;
    this.lastTrustNoticeAt = now.getTime();
    const first = recent[0]!;
    const message =
      first.message.length > 120 ? `${first.message.slice(0, 117)}...` : first.message;
    return {
      id: `trust-failure-${now.getTime()}`,
      kind: 'trust-failure',
      at: now.toISOString(),
      title: `${this.daemonName} trust failure at ${formatClock(new Date(first.time), now)}: possible interception`,
      body: `"${message}". The push connection's certificate chain was not trusted; open apsd-watch for details.`,
    };
  }
}
