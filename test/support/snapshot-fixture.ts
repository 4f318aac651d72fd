/**
 * TEST SUPPORT ONLY: the one builder of complete Snapshots for every side's tests (core, CLI,
 * server, main, renderer), so a change to the Snapshot type is made here once.
 *
 * The default is a calm Mac: apsd running, a 3 h push link and two FIN_WAIT_1 leftovers, no log
 * lines. The parts go through the engine's own pipeline stages, so a test can trust any figure
 * it reads: connection counts are the tracker's summary of `connections.items`, log counts the
 * aggregator's of `logs.recent`, the spike state a real detector's after the samples a
 * SpikeScenario describes, and the verdict is always the one the engine computes from the parts
 * (it cannot be overridden: a fixture's verdict is one the code can actually produce).
 */
import { SpikeDetector } from '../../src/core/analysis/spike-detector';
import { LogAggregator } from '../../src/core/logs/kinds/log-aggregator';
import { assembleSnapshot } from '../../src/core/monitor/snapshot-assembly';
import { summariseConnections } from '../../src/core/sockets/connection-tracker';
import { APSD_RULES, DEFAULT_SETTINGS, describeWatchedPeers } from '../../src/shared/settings';
import type {
  Connection,
  ConnectionSummary,
  LogEvent,
  Snapshot,
  SocketRow,
  SpikeState,
} from '../../src/shared/snapshot';

/** When the default snapshot is taken; every default time is relative to the snapshot's takenAt. */
export const FIXTURE_TAKEN_AT = '2026-05-07T21:54:23.000Z';

/** Objects merge key by key; arrays, null and plain values replace what the default has. */
type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * The FIN_WAIT_1 history the spike detector has seen, sampled every `intervalSeconds` up to
 * takenAt, whose own sample is the snapshot's FIN_WAIT_1 count.
 */
export interface SpikeScenario {
  /** The calm count it learned (default 2). */
  usual?: number;
  /** How many calm samples it learned from (default 20). */
  calmSamples?: number;
  /** A pile-up above the spike level from then on; null or absent: calm until takenAt. */
  spikingSince?: string | null;
  /** The spike setting (default: the app's default). */
  minCount?: number;
}

/**
 * What a test changes; e.g. `{ spike: { spikingSince: t }, source: { sockets: { status: 'failed' } } }`.
 * No verdict: it follows from the parts.
 */
export type SnapshotOverrides = DeepPartial<Omit<Snapshot, 'verdict' | 'spike'>> & {
  spike?: SpikeScenario;
};

/** Sockets on the machine that are not apsd's, so `rowsRead` exceeds `rowsAttributed`. */
const OTHER_ROWS_READ = 37;

const secondsBefore = (at: string, seconds: number) =>
  new Date(Date.parse(at) - seconds * 1000).toISOString();

/** One row of a socket table, as a sampler reads it; by default apsd's push link. */
export function makeSocketRow(fields: Partial<SocketRow> = {}): SocketRow {
  return {
    protocol: 'tcp4',
    localAddress: '192.168.1.20',
    localPort: 50123,
    peerAddress: '17.57.146.23',
    peerPort: 5223,
    state: 'ESTABLISHED',
    recvQueue: 0,
    sendQueue: 0,
    pid: 106,
    process: 'apsd',
    ...fields,
  };
}

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

/** The aggregator's summary of some log lines, as the engine would report them. */
function summarizeLogs(recent: LogEvent[]) {
  const aggregator = new LogAggregator();
  aggregator.add(recent);
  return aggregator.summary();
}

/** What a real detector says at takenAt after the samples the scenario describes. */
export function spikeAfter(
  scenario: SpikeScenario,
  finWait1: number,
  takenAt: string = FIXTURE_TAKEN_AT,
  intervalSeconds = 10,
): SpikeState {
  const detector = new SpikeDetector({
    minCount: scenario.minCount ?? DEFAULT_SETTINGS.spike.minCount,
    sensitivity: DEFAULT_SETTINGS.spike.sensitivity,
  });
  const end = Date.parse(takenAt);
  const step = intervalSeconds * 1000;
  const pileUpFrom = scenario.spikingSince ? Date.parse(scenario.spikingSince) : end;
  const calmSamples = scenario.calmSamples ?? 20;
  for (let i = calmSamples; i >= 1; i--)
    detector.observe(scenario.usual ?? 2, new Date(pileUpFrom - i * step));
  // The pile-up: above the spike level until now, when it stands at the snapshot's count.
  for (let t = pileUpFrom; t < end; t += step)
    detector.observe(Math.max(finWait1, detector.threshold() + 1), new Date(t));
  return detector.observe(finWait1, new Date(end)).state;
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
  const { spike: scenario = {}, ...rest } = overrides;
  const takenAt = rest.takenAt ?? FIXTURE_TAKEN_AT;
  const items = rest.connections?.items ?? calmConnections(takenAt);
  const summary: ConnectionSummary = {
    observedSeconds: 3600,
    ...summariseConnections(items),
    newPerHour: 2,
    items,
  };
  const rowsAttributed =
    rest.source?.sockets?.rowsAttributed ?? rest.connections?.total ?? summary.total;
  const calm: Omit<Snapshot, 'verdict' | 'spike'> = {
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
    connections: summary,
    logs: summarizeLogs(rest.logs?.recent ?? []),
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
  const parts = merge<typeof calm>(calm, rest as DeepPartial<typeof calm>);
  return assembleSnapshot({
    ...parts,
    now: new Date(takenAt),
    daemonName: parts.daemon.name,
    peersLabel: describeWatchedPeers(APSD_RULES),
    spike: spikeAfter(scenario, parts.connections.finWait1.count, takenAt, parts.intervalSeconds),
  });
}
