/**
 * Snapshots for the popover benchmark, made by the engine's own pipeline (attribution, tracker,
 * spike detector, snapshot assembly) from generated apsd sockets: a series whose rows change a
 * little from one update to the next, as successive samples of a pile-up do.
 */
import { SpikeDetector } from '../../src/core/analysis/spike-detector';
import {
  assembleSnapshot,
  emptyLogs,
  hostOfThisProcess,
  unknownDaemon,
} from '../../src/core/monitor/snapshot-assembly';
import { attributeRows, compileRules } from '../../src/core/sockets/attribution';
import { ConnectionTracker } from '../../src/core/sockets/connection-tracker';
import { APSD_RULES, DEFAULT_SETTINGS, describeWatchedPeers } from '../../src/shared/settings';
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
  private readonly rules = compileRules(APSD_RULES);
  private readonly tracker = new ConnectionTracker();
  private readonly detector = new SpikeDetector({
    minCount: DEFAULT_SETTINGS.spike.minCount,
    sensitivity: DEFAULT_SETTINGS.spike.sensitivity,
  });
  private update = 0;

  constructor(
    private readonly count: number,
    private readonly startMs: number,
  ) {}

  next(): Snapshot {
    const update = this.update++;
    const now = new Date(this.startMs + update * INTERVAL_MS);
    const rows = rowsFor(this.count, update);
    const { attributed } = attributeRows(rows, this.rules);
    const connections = this.tracker.update(attributed, now);
    const spike = this.detector.observe(connections.finWait1.count, now).state;
    return assembleSnapshot({
      now,
      intervalSeconds: INTERVAL_MS / 1000,
      daemonName: 'apsd',
      peersLabel: describeWatchedPeers(APSD_RULES),
      host: hostOfThisProcess(),
      daemon: unknownDaemon('apsd'),
      connections,
      logs: emptyLogs(),
      spike,
      source: {
        sockets: {
          status: 'ok',
          from: 'benchmark series',
          rowsRead: rows.length,
          rowsAttributed: attributed.length,
          detail: null,
          at: now.toISOString(),
          durationMs: 1,
        },
        logs: { status: 'unavailable', from: 'none', linesRead: 0, detail: 'benchmark' },
        daemon: { status: 'skipped', from: 'benchmark', detail: null },
      },
      warnings: [],
    });
  }
}
