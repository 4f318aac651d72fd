/**
 * Turns successive samples of the daemon's sockets into a ConnectionSummary: how long each
 * 4-tuple has been seen, the FIN_WAIT_1 pile-up, the push link's age and reconnect churn. Ages are
 * this engine's own observation (the kernel does not say when a socket was opened). Memory is
 * bounded: only live 4-tuples are remembered, and churn is kept at most once per second for an hour.
 */
import type { Connection, ConnectionSummary, TcpState } from '../../shared/snapshot';
import { formatEndpoint } from './address';
import type { AttributedRow } from './attribution';

const HOUR_MS = 3_600_000;
/** newPerHour stays null until the samples span this long: a rate from seconds is noise. */
const MIN_RATE_SPAN_MS = 60_000;
/** Samples within this of a churn entry's start share it, so a fast caller cannot grow the list. */
const MERGE_MS = 1000;

interface Seen {
  ms: number;
  iso: string;
}

interface ChurnEntry {
  at: number;
  /** 4-tuples first seen in this sample (the window's first entry is only the baseline). */
  added: number;
}

export class ConnectionTracker {
  private seen = new Map<string, Seen>();
  private churn: ChurnEntry[] = [];
  private firstSampleMs: number | null = null;

  /** Records one sample and summarises it; `now` is injected so tests control time. */
  update(rows: readonly AttributedRow[], now: Date): ConnectionSummary {
    const nowMs = now.getTime();
    const last = this.churn[this.churn.length - 1];
    const firstSample = last === undefined;
    if (last && nowMs < last.at) {
      // The clock went back: restart the rate window, and move what was seen with the clock so
      // ages go on from where they were instead of freezing at 0 until the clock catches up.
      this.churn = [];
      const step = nowMs - last.at;
      for (const [key, seen] of this.seen) {
        const ms = seen.ms + step;
        this.seen.set(key, { ms, iso: new Date(ms).toISOString() });
      }
      if (this.firstSampleMs !== null) this.firstSampleMs += step;
    }
    const next = new Map<string, Seen>();
    const items: Connection[] = [];
    let added = 0;
    for (const row of rows) {
      const local = formatEndpoint(row.localAddress, row.localPort);
      const peer = formatEndpoint(row.peerAddress, row.peerPort);
      const key = `${row.protocol} ${local} ${peer}`;
      let seen = next.get(key) ?? this.seen.get(key);
      if (!seen) {
        seen = { ms: nowMs, iso: now.toISOString() };
        if (!firstSample) added++;
      }
      next.set(key, seen);
      items.push(
        connectionOf(row, local, peer, seen.iso, Math.max(0, Math.floor((nowMs - seen.ms) / 1000))),
      );
    }
    this.seen = next;
    this.recordChurn(nowMs, added);
    items.sort(byUrgency);
    if (this.firstSampleMs === null || nowMs < this.firstSampleMs) this.firstSampleMs = nowMs;
    const observedSeconds = Math.floor((nowMs - this.firstSampleMs) / 1000);
    const summary = summariseConnections(items);
    // From one sample nothing is known of how long a socket has lingered: say so, not "0 s".
    if (observedSeconds === 0) summary.finWait1.oldestAgeSeconds = null;
    return { observedSeconds, ...summary, newPerHour: this.newPerHour(nowMs), items };
  }

  private recordChurn(nowMs: number, added: number): void {
    const last = this.churn[this.churn.length - 1];
    if (last && this.churn.length >= 2 && nowMs - last.at < MERGE_MS) last.added += added;
    else this.churn.push({ at: nowMs, added });
    while (this.churn.length > 1 && (this.churn[0] as ChurnEntry).at < nowMs - HOUR_MS)
      this.churn.shift();
  }

  /** New 4-tuples per hour since the oldest sample in the window; null until it spans a minute. */
  private newPerHour(nowMs: number): number | null {
    const baseline = this.churn[0];
    if (!baseline || this.churn.length < 2 || nowMs - baseline.at < MIN_RATE_SPAN_MS) return null;
    let added = 0;
    for (let i = 1; i < this.churn.length; i++) added += (this.churn[i] as ChurnEntry).added;
    return Math.round((added / ((nowMs - baseline.at) / HOUR_MS)) * 10) / 10;
  }
}

/** One attributed row as the Snapshot lists it. */
export function connectionOf(
  row: AttributedRow,
  local: string,
  peer: string,
  firstSeen: string,
  ageSeconds: number,
): Connection {
  return {
    local,
    peer,
    state: row.state,
    sendQueue: row.sendQueue,
    recvQueue: row.recvQueue,
    pid: row.pid,
    process: row.process,
    attributedBy: row.attributedBy,
    firstSeen,
    ageSeconds,
  };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** FIN_WAIT_1 first, then the most unsent bytes, then the oldest; ties by address for stability. */
export function byUrgency(a: Connection, b: Connection): number {
  return (
    Number(b.state === 'FIN_WAIT_1') - Number(a.state === 'FIN_WAIT_1') ||
    b.sendQueue - a.sendQueue ||
    b.ageSeconds - a.ageSeconds ||
    compareText(a.peer, b.peer) ||
    compareText(a.local, b.local)
  );
}

/** The counts of a set of connections (the tracker's, and test fixtures' from given items). */
export function summariseConnections(
  items: readonly Connection[],
): Omit<ConnectionSummary, 'observedSeconds' | 'newPerHour' | 'items'> {
  const byState: Partial<Record<TcpState, number>> = {};
  const finWait1 = { count: 0, sendQueueBytes: 0, oldestAgeSeconds: null as number | null };
  const established = { count: 0, longest: null as { peer: string; ageSeconds: number } | null };
  for (const item of items) {
    byState[item.state] = (byState[item.state] ?? 0) + 1;
    if (item.state === 'FIN_WAIT_1') {
      finWait1.count++;
      finWait1.sendQueueBytes += item.sendQueue;
      finWait1.oldestAgeSeconds = Math.max(finWait1.oldestAgeSeconds ?? 0, item.ageSeconds);
    } else if (item.state === 'ESTABLISHED') {
      established.count++;
      if (!established.longest || item.ageSeconds > established.longest.ageSeconds)
        established.longest = { peer: item.peer, ageSeconds: item.ageSeconds };
    }
  }
  return { total: items.length, byState, finWait1, established };
}

/** No connection seen yet: what a snapshot shows before the first sample or for an empty capture. */
export function emptyConnections(): ConnectionSummary {
  return {
    observedSeconds: 0,
    total: 0,
    byState: {},
    finWait1: { count: 0, sendQueueBytes: 0, oldestAgeSeconds: null },
    established: { count: 0, longest: null },
    newPerHour: null,
    items: [],
  };
}
