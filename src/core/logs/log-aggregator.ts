/**
 * Folds events from every log source into the snapshot's LogSummary with bounded memory, and
 * drops an event seen twice (a back-fill overlapping the live stream, a stream restarted).
 */
import { createHash } from 'node:crypto';
import { LOG_KINDS, type LogEvent, type LogKind, type LogSummary } from '../../shared/snapshot';
import { computePeriodicity } from './periodicity';

export interface LogAggregatorOptions {
  /** Times kept per kind for periodicity (default 1,000). */
  timesPerKind?: number;
  /** Events kept for `recent` (default 200). */
  recent?: number;
  /** Identities remembered for de-duplication (default 50,000). */
  identities?: number;
}

const LONG_MESSAGE = 512;

function perKind<T>(make: () => T): Record<LogKind, T> {
  return Object.fromEntries(LOG_KINDS.map((kind) => [kind, make()])) as Record<LogKind, T>;
}

/** Same time, pid, process and message: the same line, however it arrived. */
function identity(event: LogEvent): string {
  const message =
    event.message.length > LONG_MESSAGE
      ? createHash('sha256').update(event.message).digest('base64')
      : event.message;
  return `${event.time}\u0000${event.pid}\u0000${event.process}\u0000${message}`;
}

const byTime = (a: LogEvent, b: LogEvent) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0);

export class LogAggregator {
  private readonly limits: Required<LogAggregatorOptions>;
  private readonly counts = perKind(() => 0);
  private readonly times = perKind((): number[] => []);
  private readonly firstSeen = perKind((): string | null => null);
  /** How many copies of each identity were accepted: a syslog repeat is several real lines. */
  private readonly seen = new Map<string, number>();
  private recent: LogEvent[] = [];
  private first: string | null = null;
  private last: string | null = null;

  constructor(options: LogAggregatorOptions = {}) {
    this.limits = {
      timesPerKind: options.timesPerKind ?? 1000,
      recent: options.recent ?? 200,
      identities: options.identities ?? 50_000,
    };
  }

  /**
   * Adds a batch; returns the events that were new. Within one batch identical lines are all
   * kept; an identity already accepted n times is accepted only beyond n copies in a later batch.
   */
  add(events: readonly LogEvent[]): LogEvent[] {
    const accepted: LogEvent[] = [];
    const usedInBatch = new Map<string, number>();
    for (const event of events) {
      const timeMs = Date.parse(event.time);
      if (Number.isNaN(timeMs)) continue;
      const id = identity(event);
      const used = (usedInBatch.get(id) ?? 0) + 1;
      usedInBatch.set(id, used);
      const before = this.seen.get(id) ?? 0;
      if (used <= before) continue;
      this.remember(id, used);
      accepted.push(event);
      this.count(event, timeMs);
    }
    if (accepted.length) {
      this.recent = [...this.recent, ...accepted].sort(byTime).slice(-this.limits.recent);
    }
    return accepted;
  }

  summary(): LogSummary {
    const periodicity = perKind(() => computePeriodicity([]));
    for (const kind of LOG_KINDS) {
      const newest = [...this.times[kind]].sort((a, b) => a - b).slice(-this.limits.timesPerKind);
      // Counts and first sighting cover every event, the gaps only the newest times.
      periodicity[kind] = {
        ...computePeriodicity(newest),
        count: this.counts[kind],
        firstSeen: this.firstSeen[kind],
      };
    }
    return {
      byKind: { ...this.counts },
      periodicity,
      first: this.first,
      last: this.last,
      recent: [...this.recent],
    };
  }

  /** Events per kind dated at or after `sinceMs` among the retained times (for notifications). */
  kindsSince(sinceMs: number): Record<LogKind, number> {
    const counts = perKind(() => 0);
    for (const kind of LOG_KINDS)
      counts[kind] = this.times[kind].filter((t) => t >= sinceMs).length;
    return counts;
  }

  private count(event: LogEvent, timeMs: number): void {
    this.counts[event.kind]++;
    const times = this.times[event.kind];
    times.push(timeMs);
    // Trim in amortised steps, keeping the newest times (a back-fill may arrive after live lines).
    if (times.length >= this.limits.timesPerKind * 2) {
      times.sort((a, b) => a - b);
      times.splice(0, times.length - this.limits.timesPerKind);
    }
    const first = this.firstSeen[event.kind];
    if (first === null || event.time < first) this.firstSeen[event.kind] = event.time;
    if (this.first === null || event.time < this.first) this.first = event.time;
    if (this.last === null || event.time > this.last) this.last = event.time;
  }

  private remember(id: string, copies: number): void {
    this.seen.delete(id);
    this.seen.set(id, copies);
    if (this.seen.size > this.limits.identities) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
