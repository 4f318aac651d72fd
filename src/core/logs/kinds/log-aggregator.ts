/**
 * Folds events from every log source into the snapshot's LogSummary with bounded memory, and,
 * for a source whose batches overlap, drops an event seen twice (a back-fill overlapping the live
 * stream). Identical lines from a source that reads each line once are all counted.
 * Cheap per event: `scan-logs` feeds it hundreds of thousands at once.
 */
import { createHash } from 'node:crypto';
import { LOG_KINDS, type LogEvent, type LogKind, type LogSummary } from '../../../shared/snapshot';
import { computePeriodicity } from './periodicity';

export interface LogAggregatorOptions {
  /** Times kept per kind for periodicity (default 1,000). */
  timesPerKind?: number;
  /** Events kept for `recent` (default 200). */
  recent?: number;
  /** Most identities remembered for de-duplication (default 50,000); 0 turns it off. */
  identities?: number;
  /**
   * Identities are remembered for events this close to the newest one (default 1 h): overlaps
   * between a back-fill and the live stream, or over a restart, are seconds to minutes long.
   */
  dedupWindowMs?: number;
}

const LONG_MESSAGE = 512;
/** `2025-08-09T14:11:55.521Z`: the form every reader produces, comparable as text. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

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

/** The newest `n` of `items`, oldest first; sorts only when the input is out of order. */
function newest<T>(items: T[], n: number, before: (a: T, b: T) => boolean): T[] {
  const inOrder = items.every((item, i) => i === 0 || !before(item, items[i - 1]!));
  return (inOrder ? items : [...items].sort((a, b) => (before(a, b) ? -1 : 1))).slice(-n);
}

export class LogAggregator {
  private readonly limits: Required<LogAggregatorOptions>;
  private readonly counts = perKind(() => 0);
  /** ISO times, newest last, at most `timesPerKind` each. */
  private times = perKind((): string[] => []);
  private readonly firstSeen = perKind((): string | null => null);
  /** Copies of each identity accepted: a syslog repeat is several real lines. */
  private seen = new Map<string, number>();
  /**
   * The generation before `seen`, still consulted. Two generations instead of evicting the oldest
   * key one at a time: Map iteration walks over deleted slots, which made that quadratic
   * (9,000 events/s in a flood).
   */
  private seenBefore = new Map<string, number>();
  private recent: LogEvent[] = [];
  private first: string | null = null;
  private last: string | null = null;

  constructor(options: LogAggregatorOptions = {}) {
    this.limits = {
      timesPerKind: options.timesPerKind ?? 1000,
      recent: options.recent ?? 200,
      identities: options.identities ?? 50_000,
      dedupWindowMs: options.dedupWindowMs ?? 3600_000,
    };
  }

  /**
   * Adds a batch; returns the events that were new. Identical lines within one batch are all
   * kept; with `overlapping` (the default) an identity already accepted n times is accepted only
   * beyond n copies later.
   */
  add(events: readonly LogEvent[], options: { overlapping?: boolean } = {}): LogEvent[] {
    const valid = events.filter((e) => ISO_UTC.test(e.time) || !Number.isNaN(Date.parse(e.time)));
    if (options.overlapping === false) {
      this.count(valid);
      return valid;
    }
    const floor = this.dedupFloor(valid);
    const accepted: LogEvent[] = [];
    const usedInBatch = new Map<string, number>();
    const dedup = this.limits.identities > 0;
    for (const event of valid) {
      if (dedup && event.time >= floor) {
        const id = identity(event);
        const used = (usedInBatch.get(id) ?? 0) + 1;
        usedInBatch.set(id, used);
        if (used <= (this.seen.get(id) ?? this.seenBefore.get(id) ?? 0)) continue;
        this.remember(id, used);
      }
      accepted.push(event);
    }
    this.count(accepted);
    return accepted;
  }

  summary(): LogSummary {
    const periodicity = perKind(() => computePeriodicity([]));
    for (const kind of LOG_KINDS) {
      // Counts and first sighting cover every event, the gaps only the newest times.
      periodicity[kind] = {
        ...computePeriodicity(this.times[kind].map((t) => Date.parse(t))),
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
    const since = new Date(sinceMs).toISOString();
    const counts = perKind(() => 0);
    for (const kind of LOG_KINDS) counts[kind] = this.times[kind].filter((t) => t >= since).length;
    return counts;
  }

  /** Events older than this cannot overlap another source's: no identity is built for them. */
  private dedupFloor(batch: readonly LogEvent[]): string {
    let newest = this.last ?? '';
    for (const event of batch) if (event.time > newest) newest = event.time;
    if (newest === '') return '';
    return new Date(Date.parse(newest) - this.limits.dedupWindowMs).toISOString();
  }

  private count(accepted: LogEvent[]): void {
    if (!accepted.length) return;
    const batchTimes = perKind((): string[] => []);
    for (const event of accepted) {
      this.counts[event.kind]++;
      batchTimes[event.kind].push(event.time);
      const first = this.firstSeen[event.kind];
      if (first === null || event.time < first) this.firstSeen[event.kind] = event.time;
      if (this.first === null || event.time < this.first) this.first = event.time;
      if (this.last === null || event.time > this.last) this.last = event.time;
    }
    const limit = this.limits.timesPerKind;
    for (const kind of LOG_KINDS) {
      if (batchTimes[kind].length)
        this.times[kind] = newest(
          [...this.times[kind], ...batchTimes[kind]],
          limit,
          (a, b) => a < b,
        );
    }
    const newestEvents = newest(accepted, this.limits.recent, (a, b) => byTime(a, b) < 0);
    this.recent = [...this.recent, ...newestEvents].sort(byTime).slice(-this.limits.recent);
  }

  private remember(id: string, copies: number): void {
    this.seen.set(id, copies);
    if (this.seen.size >= this.limits.identities / 2) {
      this.seenBefore = this.seen;
      this.seen = new Map();
    }
  }
}
