/** Test support only: a complete, plausible Snapshot to vary per test. */
import type { Connection, Snapshot, TcpState } from '../../shared/snapshot';

export function makeConnection(index: number, state: TcpState, takenAt: string): Connection {
  const ageSeconds = 30 + index * 7;
  return {
    local: `192.168.1.20:${50_000 + (index % 15_000)}`,
    peer: `17.57.${146 + (index >> 8)}.${index & 255}:5223`,
    state,
    sendQueue: state === 'FIN_WAIT_1' ? 517 + (index % 900) : 0,
    recvQueue: 0,
    pid: 106,
    process: 'apsd',
    attributedBy: 'process apsd',
    firstSeen: new Date(Date.parse(takenAt) - ageSeconds * 1000).toISOString(),
    ageSeconds,
  };
}

export function makeSnapshot(overrides: Partial<Snapshot> = {}, rows = 3): Snapshot {
  const takenAt = overrides.takenAt ?? '2026-03-12T14:02:09.000Z';
  const items = Array.from({ length: rows }, (_, i) =>
    makeConnection(i, i === 0 ? 'ESTABLISHED' : 'FIN_WAIT_1', takenAt),
  );
  const fin = items.filter((item) => item.state === 'FIN_WAIT_1');
  const empty = {
    count: 0,
    medianIntervalSeconds: null,
    regularity: null,
    firstSeen: null,
    lastSeen: null,
  };
  return {
    schemaVersion: 1,
    takenAt,
    intervalSeconds: 10,
    host: { platform: 'darwin', osName: 'macOS', osVersion: '15.3' },
    daemon: {
      name: 'apsd',
      running: true,
      pid: 106,
      cpuPercent: 0.1,
      memoryBytes: 12_000_000,
      startedAt: '2026-03-10T08:00:00.000Z',
      restartedAt: null,
    },
    connections: {
      observedSeconds: 3 * 3600,
      total: items.length,
      byState: { ESTABLISHED: 1, FIN_WAIT_1: fin.length },
      finWait1: {
        count: fin.length,
        sendQueueBytes: fin.reduce((sum, item) => sum + item.sendQueue, 0),
        oldestAgeSeconds: fin.length ? Math.max(...fin.map((item) => item.ageSeconds)) : null,
      },
      established: { count: 1, longest: { peer: items[0]?.peer ?? '', ageSeconds: 11_520 } },
      newPerHour: 4.2,
      items,
    },
    logs: {
      byKind: { 'leaf-certificate': 16, 'trust-failure': 0, connection: 3, other: 1 },
      periodicity: {
        'leaf-certificate': {
          count: 16,
          medianIntervalSeconds: 5400,
          regularity: 0.92,
          firstSeen: '2026-03-12T09:12:00.000Z',
          lastSeen: '2026-03-12T13:42:00.000Z',
        },
        'trust-failure': empty,
        connection: { ...empty, count: 3 },
        other: { ...empty, count: 1 },
      },
      first: '2026-03-12T09:12:00.000Z',
      last: '2026-03-12T13:42:00.000Z',
      recent: [
        {
          time: '2026-03-12T13:42:00.000Z',
          kind: 'leaf-certificate',
          process: 'apsd',
          pid: 106,
          message: 'Unrecognized leaf certificate',
        },
      ],
    },
    spike: {
      active: false,
      since: null,
      baseline: 12,
      threshold: 60,
      baselineSamples: 30,
      mutedUntil: null,
      cooldownUntil: null,
      quietReason: null,
    },
    verdict: {
      level: 'watch',
      headline: 'Push is connected; FIN_WAIT_1 sockets are lingering.',
      reasons: ['Connected: 1 ESTABLISHED connection for 3 h 12 min'],
    },
    source: {
      sockets: {
        status: 'ok',
        from: 'netstat -anv -p tcp',
        rowsRead: 120,
        rowsAttributed: items.length,
        detail: null,
        at: takenAt,
        durationMs: 42,
      },
      logs: { status: 'ok', from: 'log stream', linesRead: 20, detail: null },
      daemon: { status: 'ok', from: 'systeminformation', detail: null },
    },
    warnings: [],
    ...overrides,
  };
}
