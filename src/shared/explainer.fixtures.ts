/**
 * Constructed snapshots for the explainer's and the report's tests: calm, spiking, trust failure,
 * no apsd. Internally consistent (counts match items) so a test can trust any figure it reads.
 */
import type { Connection, LogEvent, Periodicity, Snapshot } from './snapshot';

export const TAKEN_AT = '2026-05-07T21:54:23.000Z';
const minutesBefore = (minutes: number) =>
  new Date(Date.parse(TAKEN_AT) - minutes * 60_000).toISOString();

const none: Periodicity = {
  count: 0,
  medianIntervalSeconds: null,
  regularity: null,
  firstSeen: null,
  lastSeen: null,
};

function connection(
  state: Connection['state'],
  localPort: number,
  peer: string,
  ageSeconds: number,
  sendQueue = 0,
): Connection {
  return {
    local: `192.168.1.20:${localPort}`,
    peer,
    state,
    sendQueue,
    recvQueue: 0,
    pid: 106,
    process: 'apsd',
    attributedBy: 'process apsd',
    firstSeen: new Date(Date.parse(TAKEN_AT) - ageSeconds * 1000).toISOString(),
    ageSeconds,
  };
}

/** One push link up for 3 h, two FIN_WAIT_1 leftovers, leaf messages every 90 min, no trust failure. */
export function calmSnapshot(): Snapshot {
  const items = [
    connection('ESTABLISHED', 50123, '17.57.146.23:5223', 3 * 3600),
    connection('FIN_WAIT_1', 50100, '17.57.146.20:5223', 600, 517),
    connection('FIN_WAIT_1', 50101, '17.57.146.21:5223', 300, 517),
  ];
  const leafEvents: LogEvent[] = [0, 90, 180, 270].map((minutes) => ({
    time: minutesBefore(300 - minutes),
    kind: 'leaf-certificate',
    process: 'apsd',
    pid: 106,
    message: 'Unrecognized leaf certificate',
  }));
  return {
    schemaVersion: 1,
    takenAt: TAKEN_AT,
    intervalSeconds: 10,
    host: { platform: 'darwin', osName: 'macOS', osVersion: '26.0' },
    daemon: {
      name: 'apsd',
      running: true,
      pid: 106,
      cpuPercent: 0.1,
      memoryBytes: 12_000_000,
      startedAt: minutesBefore(13 * 60),
      restartedAt: null,
    },
    connections: {
      observedSeconds: 3600,
      total: 3,
      byState: { ESTABLISHED: 1, FIN_WAIT_1: 2 },
      finWait1: { count: 2, sendQueueBytes: 1034, oldestAgeSeconds: 600 },
      established: { count: 1, longest: { peer: '17.57.146.23:5223', ageSeconds: 3 * 3600 } },
      newPerHour: 2,
      items,
    },
    logs: {
      byKind: { 'leaf-certificate': 4, 'trust-failure': 0, connection: 0, other: 0 },
      periodicity: {
        'leaf-certificate': {
          count: 4,
          medianIntervalSeconds: 90 * 60,
          regularity: 0.95,
          firstSeen: leafEvents[0]!.time,
          lastSeen: leafEvents[3]!.time,
        },
        'trust-failure': none,
        connection: none,
        other: none,
      },
      first: leafEvents[0]!.time,
      last: leafEvents[3]!.time,
      recent: leafEvents,
    },
    spike: {
      active: false,
      since: null,
      baseline: 2,
      threshold: 50,
      mutedUntil: null,
      baselineSamples: 20,
      cooldownUntil: null,
      quietReason: null,
    },
    verdict: { level: 'ok', headline: 'Push is connected; nothing unusual.', reasons: [] },
    source: {
      sockets: {
        status: 'ok',
        from: 'netstat -anv -p tcp',
        rowsRead: 40,
        rowsAttributed: 3,
        detail: null,
        at: TAKEN_AT,
        durationMs: 35,
      },
      logs: { status: 'ok', from: 'log stream', linesRead: 120, detail: null },
      daemon: { status: 'ok', from: 'ps', detail: null },
    },
    warnings: [],
  };
}

/** The calm Mac plus 420 FIN_WAIT_1 sockets holding Send-Q: a pile-up for 20 min. */
export function spikingSnapshot(): Snapshot {
  const snapshot = calmSnapshot();
  const extra = Array.from({ length: 418 }, (_, i) =>
    connection('FIN_WAIT_1', 51000 + i, `17.57.146.${30 + (i % 50)}:5223`, 60 + i, 3000),
  );
  snapshot.connections.items.push(...extra);
  snapshot.connections.total = 421;
  snapshot.connections.byState = { ESTABLISHED: 1, FIN_WAIT_1: 420 };
  snapshot.connections.finWait1 = {
    count: 420,
    sendQueueBytes: 1034 + 418 * 3000,
    oldestAgeSeconds: 600,
  };
  snapshot.spike = {
    active: true,
    since: minutesBefore(20),
    baseline: 2,
    threshold: 50,
    mutedUntil: null,
    baselineSamples: 20,
    cooldownUntil: null,
    quietReason: null,
  };
  snapshot.verdict = {
    level: 'watch',
    headline: '420 connections stuck closing (FIN_WAIT_1); push is still connected.',
    reasons: [],
  };
  return snapshot;
}

/** The calm Mac plus three trust-failure lines, as an interception produces. */
export function trustFailureSnapshot(): Snapshot {
  const snapshot = calmSnapshot();
  const failures: LogEvent[] = [12, 8, 4].map((minutes) => ({
    time: minutesBefore(minutes),
    kind: 'trust-failure',
    process: 'apsd',
    pid: 106,
    message: 'Untrusted peer, closing connection immediately',
  }));
  snapshot.logs.recent.push(...failures);
  snapshot.logs.byKind['trust-failure'] = 3;
  snapshot.logs.periodicity['trust-failure'] = {
    count: 3,
    medianIntervalSeconds: 240,
    regularity: 1,
    firstSeen: failures[0]!.time,
    lastSeen: failures[2]!.time,
  };
  snapshot.logs.last = failures[2]!.time;
  snapshot.verdict = {
    level: 'alert',
    headline: 'apsd refused a server certificate: the connection may be intercepted.',
    reasons: [],
  };
  return snapshot;
}

/** A Mac where apsd is not running and has no connection. */
export function noApsdSnapshot(): Snapshot {
  const snapshot = calmSnapshot();
  snapshot.daemon = { ...snapshot.daemon, running: false, pid: null, startedAt: null };
  snapshot.connections = {
    observedSeconds: 3600,
    total: 0,
    byState: {},
    finWait1: { count: 0, sendQueueBytes: 0, oldestAgeSeconds: null },
    established: { count: 0, longest: null },
    newPerHour: null,
    items: [],
  };
  snapshot.source.sockets.rowsAttributed = 0;
  snapshot.verdict = { level: 'watch', headline: 'apsd is not running.', reasons: [] };
  return snapshot;
}
