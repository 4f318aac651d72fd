/**
 * Snapshots for the popover benchmark, made by the engine's own pipeline (attribution, tracker,
 * spike detector, snapshot assembly: monitor/analyse.ts) from generated apsd sockets: a series whose rows change a
 * little from one update to the next, as successive samples of a pile-up do.
 */
import { analyse, createPipelineState } from '../../src/core/monitor/analyse';
import { emptyLogs } from '../../src/core/monitor/snapshot-assembly';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import type { Snapshot, SocketRow, TcpState } from '../../src/shared/snapshot';

const INTERVAL_MS = 5000;

/** A pile-up's mix: mostly FIN_WAIT_1 with bytes queued, the rest on their way out or alive. */
function stateOf(index: number, update: number): TcpState {
  if (index === 0) return 'ESTABLISHED'; // the push link
  const slot = (index + (index % 50 === update % 50 ? 1 : 0)) % 20;
  return slot < 12
    ? 'FIN_WAIT_1'
    : slot < 17
      ? 'ESTABLISHED'
      : slot < 19
        ? 'FIN_WAIT_2'
        : 'TIME_WAIT';
}

function rowsFor(count: number, update: number): SocketRow[] {
  return Array.from({ length: count }, (_, i) => {
    const state = stateOf(i, update);
    return {
      protocol: 'tcp4',
      localAddress: '192.168.1.20',
      localPort: 49152 + (i % 16000),
      peerAddress: `17.57.${144 + ((i >> 8) % 4)}.${i % 256}`,
      peerPort: 5223,
      state,
      recvQueue: 0,
      sendQueue: state === 'FIN_WAIT_1' ? 31 + ((i * 37 + update * 11) % 4096) : 0,
      pid: 106,
      process: 'apsd',
    };
  });
}

/**
 * Successive snapshots of `count` apsd connections, INTERVAL_MS apart from `startMs`, made one
 * at a time (a 10,000-connection snapshot is megabytes; a series of hundreds is not kept).
 */
export class SnapshotSeries {
  private readonly pipeline = createPipelineState(DEFAULT_SETTINGS);
  private update = 0;

  constructor(
    private readonly count: number,
    private readonly startMs: number,
  ) {}

  next(): Snapshot {
    const update = this.update++;
    const now = new Date(this.startMs + update * INTERVAL_MS);
    const rows = rowsFor(this.count, update);
    return analyse(
      {
        now,
        intervalSeconds: INTERVAL_MS / 1000,
        sockets: {
          kind: 'live',
          sample: {
            rows,
            from: 'benchmark series',
            status: 'ok',
            detail: null,
            durationMs: 1,
            at: now,
            warnings: [],
          },
        },
        daemon: { kind: 'skipped', why: 'benchmark' },
        logs: {
          summary: emptyLogs(),
          source: { status: 'unavailable', from: 'none', linesRead: 0, detail: 'benchmark' },
        },
        notifications: DEFAULT_SETTINGS.notifications,
        warnings: [],
      },
      this.pipeline,
    ).snapshot;
  }
}
