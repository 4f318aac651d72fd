/**
 * The Node-side socket readers the benchmark compares, each as one awaited call: the engine's
 * per-sample socket work (the sampler the engine's own samplerOptionsFor picks, attribution,
 * tracker) and systeminformation's networkConnections().
 */
import si from 'systeminformation';
import { attributeRows, compileRules } from '../../src/core/sockets/attribution';
import { ConnectionTracker } from '../../src/core/sockets/connection-tracker';
import { samplerOptionsFor } from '../../src/core/monitor/sampler-options';
import { createSocketSampler } from '../../src/core/sockets/socket-sampler';
import { APSD_RULES, type WatchRules } from '../../src/shared/settings';
import type { CallCost } from '../lib/cpu-clock';

export const NODE_SIDES = ['engine', 'engine-owners', 'systeminformation'] as const;
export type NodeSide = (typeof NODE_SIDES)[number];

export interface SideRequest {
  side: NodeSide;
  /** The loopback "push" server: its peers stand in for Apple's courier hosts. */
  pushPort: number;
  calls: number;
}

export interface Seen {
  rows: number;
  finWait1: number;
  /** Where the engine's sampler read the table (`ss -tanp`, a /proc fallback, ...). */
  from?: string;
}

export interface SideReport {
  side: NodeSide;
  calls: CallCost[];
  /** What the last call saw, so a run that missed the pile-up is caught, not reported. */
  seen: Seen;
  /** performance.now() when the second (first steady) call began: where a profile's steady part starts. */
  steadyFromMs: number;
}

/** The default apsd rules plus the loopback push server, whose peers stand in for Apple's. */
export function benchRules(pushPort: number): WatchRules {
  return {
    processes: APSD_RULES.processes,
    peerPorts: [...APSD_RULES.peerPorts, pushPort],
    peerCidrs: [...APSD_RULES.peerCidrs, '127.0.0.0/8'],
  };
}

/**
 * What the engine does per sample on the socket side: sample, attribute, track. `daemonMayRun`
 * is the engine's last daemon check: false here unless a process named apsd exists, true for
 * the side that shows the cost when it does (socket owners looked up).
 */
export function engineSample(rules: WatchRules, daemonMayRun: boolean): () => Promise<Seen> {
  const sampler = createSocketSampler(samplerOptionsFor(rules, daemonMayRun, process.platform));
  const compiled = compileRules(rules);
  const tracker = new ConnectionTracker();
  return async () => {
    const sample = await sampler.sample();
    if (sample.status === 'failed') throw new Error(`engine sample failed: ${sample.detail}`);
    const { attributed } = attributeRows(sample.rows, compiled);
    const summary = tracker.update(attributed, sample.at);
    return { rows: sample.rows.length, finWait1: summary.finWait1.count, from: sample.from };
  };
}

export async function systeminformationCall(): Promise<Seen> {
  const rows = await si.networkConnections();
  const finWait1 = rows.filter((row) => row.state === 'FIN_WAIT1' || row.state === 'FIN_WAIT_1');
  return { rows: rows.length, finWait1: finWait1.length };
}
