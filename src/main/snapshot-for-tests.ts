/** A complete, calm Snapshot for the main process's unit tests; each test overrides what it checks. */
import type { Snapshot } from '../shared/snapshot';

interface SnapshotOverrides {
  level?: Snapshot['verdict']['level'];
  headline?: string;
  finWait1?: number;
  spikeActive?: boolean;
  threshold?: number;
  baseline?: number;
  socketsStatus?: Snapshot['source']['sockets']['status'];
  socketsDetail?: string | null;
}

export function snapshotForTests(o: SnapshotOverrides = {}): Snapshot {
  const finWait1 = o.finWait1 ?? 0;
  const periodicity = {
    count: 0,
    medianIntervalSeconds: null,
    regularity: null,
    firstSeen: null,
    lastSeen: null,
  };
  return {
    schemaVersion: 1,
    takenAt: '2026-05-07T21:54:23.000Z',
    intervalSeconds: 10,
    host: { platform: 'darwin', osName: 'macOS', osVersion: '26.0' },
    daemon: {
      name: 'apsd',
      running: true,
      pid: 106,
      cpuPercent: 0.1,
      memoryBytes: 12_000_000,
      startedAt: '2026-05-07T08:00:00.000Z',
      restartedAt: null,
    },
    connections: {
      observedSeconds: 3600,
      total: finWait1 + 1,
      byState: { ESTABLISHED: 1, FIN_WAIT_1: finWait1 },
      finWait1: { count: finWait1, sendQueueBytes: finWait1 * 1024, oldestAgeSeconds: null },
      established: { count: 1, longest: { peer: '17.57.146.20:5223', ageSeconds: 3600 } },
      newPerHour: 1,
      items: [],
    },
    logs: {
      byKind: { 'leaf-certificate': 0, 'trust-failure': 0, connection: 0, other: 0 },
      periodicity: {
        'leaf-certificate': periodicity,
        'trust-failure': periodicity,
        connection: periodicity,
        other: periodicity,
      },
      first: null,
      last: null,
      recent: [],
    },
    spike: {
      active: o.spikeActive ?? false,
      since: o.spikeActive ? '2026-05-07T21:50:00.000Z' : null,
      baseline: o.baseline ?? 2,
      threshold: o.threshold ?? 50,
      mutedUntil: null,
      baselineSamples: 20,
      cooldownUntil: null,
      quietReason: null,
    },
    verdict: {
      level: o.level ?? 'ok',
      headline: o.headline ?? 'The push link looks healthy.',
      reasons: [],
    },
    source: {
      sockets: {
        status: o.socketsStatus ?? 'ok',
        from: 'netstat -anv -p tcp',
        rowsRead: 10,
        rowsAttributed: finWait1 + 1,
        detail: o.socketsDetail ?? null,
        at: '2026-05-07T21:54:23.000Z',
        durationMs: 40,
      },
      logs: { status: 'ok', from: 'log stream', linesRead: 0, detail: null },
      daemon: { status: 'ok', from: 'ps', detail: null },
    },
    warnings: [],
  };
}
