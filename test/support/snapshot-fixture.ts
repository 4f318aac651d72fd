/**
 * TEST SUPPORT ONLY: the one builder of complete Snapshots for every side's tests (core, CLI,
 * server, main, renderer), so a change to the Snapshot type is made here once. Pure (no Node or
 * DOM APIs) because the renderer's tests import it too.
 *
 * The default is a calm Mac: apsd running, a 3 h push link and two FIN_WAIT_1 leftovers, no log
 * lines. Summaries follow the parts they summarise, so a test can trust any figure it reads:
 * `connections` counts come from `connections.items`, `logs` counts from `logs.recent`, and the
 * socket source's rows from the connection total. Any field given as an override wins.
 */
import {
  LOG_KINDS,
  type Connection,
  type ConnectionSummary,
  type LogEvent,
  type LogSummary,
  type Snapshot,
} from '../../src/shared/snapshot';

/** When the default snapshot is taken; every default time is relative to the snapshot's takenAt. */
export const FIXTURE_TAKEN_AT = '2026-05-07T21:54:23.000Z';

/** Objects merge key by key; arrays, null and plain values replace what the default has. */
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** What a test changes; e.g. `{ spike: { active: true }, source: { sockets: { status: 'failed' } } }`. */
export type SnapshotOverrides = DeepPartial<Snapshot>;

/** Sockets on the machine that are not apsd's, so `rowsRead` exceeds `rowsAttributed`. */
const OTHER_ROWS_READ = 37;

const secondsBefore = (at: string, seconds: number) =>
  new Date(Date.parse(at) - seconds * 1000).toISOString();

/** One apsd socket; by default the push link: ESTABLISHED to Apple for 3 h. */
export function makeConnection(
  fields: Partial<Connection> = {},
  takenAt: string = FIXTURE_TAKEN_AT,
): Connection {
  const ageSeconds = fields.ageSeconds ?? 3 * 3600;
  return {
    local: '192.168.1.20:50123',
    peer: '17.57.146.23:5223',
    state: 'ESTABLISHED',
    sendQueue: 0,
    recvQueue: 0,
    pid: 106,
    process: 'apsd',
    attributedBy: 'process apsd',
    firstSeen: secondsBefore(takenAt, ageSeconds),
    ...fields,
    ageSeconds,
  };
}

/**
 * `count` apsd sockets of a pile-up: the push link first (ESTABLISHED, the youngest), then
 * FIN_WAIT_1 sockets holding Send-Q, each older than the one before, peers spread over 17.57.x.
 */
export function makeConnections(count: number, takenAt: string = FIXTURE_TAKEN_AT): Connection[] {
  return Array.from({ length: count }, (_, index) => {
    const state = index === 0 ? 'ESTABLISHED' : 'FIN_WAIT_1';
    return makeConnection(
      {
        local: `192.168.1.20:${50_000 + (index % 15_000)}`,
        peer: `17.57.${146 + (index >> 8)}.${index & 255}:5223`,
        state,
        sendQueue: state === 'FIN_WAIT_1' ? 517 + (index % 900) : 0,
        ageSeconds: 30 + index * 7,
      },
      takenAt,
    );
  });
}

/** One classified apsd log line; by default the benign leaf-certificate message. */
export function makeLogEvent(fields: Partial<LogEvent> = {}): LogEvent {
  return {
    time: FIXTURE_TAKEN_AT,
    kind: 'leaf-certificate',
    process: 'apsd',
    pid: 106,
    message: 'Unrecognized leaf certificate',
    ...fields,
  };
}

/** The calm Mac's sockets: the push link and two FIN_WAIT_1 leftovers of 10 and 5 min. */
function calmConnections(takenAt: string): Connection[] {
  const leftover = (local: string, peer: string, ageSeconds: number) =>
    makeConnection({ local, peer, state: 'FIN_WAIT_1', sendQueue: 517, ageSeconds }, takenAt);
  return [
    makeConnection({}, takenAt),
    leftover('192.168.1.20:50100', '17.57.146.20:5223', 600),
    leftover('192.168.1.20:50101', '17.57.146.21:5223', 300),
  ];
}

/** The counts of a connection summary, from its items. */
function countConnections(
  items: Connection[],
): Omit<ConnectionSummary, 'observedSeconds' | 'newPerHour' | 'items'> {
  const byState: ConnectionSummary['byState'] = {};
  for (const item of items) byState[item.state] = (byState[item.state] ?? 0) + 1;
  const finWait1 = items.filter((item) => item.state === 'FIN_WAIT_1');
  const established = items.filter((item) => item.state === 'ESTABLISHED');
  const longest = established.reduce<Connection | null>(
    (best, item) => (best && best.ageSeconds >= item.ageSeconds ? best : item),
    null,
  );
  return {
    total: items.length,
    byState,
    finWait1: {
      count: finWait1.length,
      sendQueueBytes: finWait1.reduce((sum, item) => sum + item.sendQueue, 0),
      oldestAgeSeconds: finWait1.length
        ? Math.max(...finWait1.map((item) => item.ageSeconds))
        : null,
    },
    established: {
      count: established.length,
      longest: longest && { peer: longest.peer, ageSeconds: longest.ageSeconds },
    },
  };
}

/** Earliest and latest time of some log lines; nulls when there are none. */
function timeRange(events: LogEvent[]): { first: string | null; last: string | null } {
  const times = events.map((event) => event.time).sort((a, b) => Date.parse(a) - Date.parse(b));
  return { first: times[0] ?? null, last: times.at(-1) ?? null };
}

/** Counts and first/last times per kind; the rhythm (interval, regularity) is a test's to give. */
function summarizeLogs(recent: LogEvent[]): LogSummary {
  const byKind = {} as LogSummary['byKind'];
  const periodicity = {} as LogSummary['periodicity'];
  for (const kind of LOG_KINDS) {
    const lines = recent.filter((event) => event.kind === kind);
    const range = timeRange(lines);
    byKind[kind] = lines.length;
    periodicity[kind] = {
      count: lines.length,
      medianIntervalSeconds: null,
      regularity: null,
      firstSeen: range.first,
      lastSeen: range.last,
    };
  }
  return { byKind, periodicity, ...timeRange(recent), recent };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `base` with `patch` laid over it, as DeepPartial says; `base` itself is left as it was. */
function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (patch === undefined) return base;
  if (!isRecord(base) || !isRecord(patch)) return patch as T;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch))
    if (value !== undefined) merged[key] = merge(base[key], value);
  return merged as T;
}

/** A complete, internally consistent Snapshot: the calm Mac with `overrides` applied. */
export function makeSnapshot(overrides: SnapshotOverrides = {}): Snapshot {
  const takenAt = overrides.takenAt ?? FIXTURE_TAKEN_AT;
  const items = overrides.connections?.items ?? calmConnections(takenAt);
  const counts = countConnections(items);
  const rowsAttributed =
    overrides.source?.sockets?.rowsAttributed ?? overrides.connections?.total ?? counts.total;
  const calm: Snapshot = {
    schemaVersion: 1,
    takenAt,
    intervalSeconds: 10,
    host: { platform: 'darwin', osName: 'macOS', osVersion: '26.0' },
    daemon: {
      name: 'apsd',
      running: true,
      pid: 106,
      cpuPercent: 0.1,
      memoryBytes: 12_000_000,
      startedAt: secondsBefore(takenAt, 13 * 3600),
      restartedAt: null,
    },
    connections: { observedSeconds: 3600, ...counts, newPerHour: 2, items },
    logs: summarizeLogs(overrides.logs?.recent ?? []),
    spike: {
      active: false,
      since: null,
      baseline: 2,
      threshold: 50,
      baselineSamples: 20,
      mutedUntil: null,
      cooldownUntil: null,
      quietReason: null,
    },
    verdict: { level: 'ok', headline: 'Push is connected; nothing unusual.', reasons: [] },
    source: {
      sockets: {
        status: 'ok',
        from: 'netstat -anv -p tcp',
        rowsRead: rowsAttributed + OTHER_ROWS_READ,
        rowsAttributed,
        detail: null,
        at: takenAt,
        durationMs: 35,
      },
      logs: { status: 'ok', from: 'log stream', linesRead: 120, detail: null },
      daemon: { status: 'ok', from: 'ps', detail: null },
    },
    warnings: [],
  };
  return merge<Snapshot>(calm, overrides);
}
