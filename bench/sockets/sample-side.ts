/**
 * One side of section 1 in a fresh process: the engine's own sample (createEngine and
 * sampleNow, as the CLI and the app drive it) or systeminformation's networkConnections(). One
 * call warms up (the engine's start takes its first sample), then `calls` are measured; prints
 * a SideReport as one JSON line.
 *
 *   node sample-side.mjs '{"side":"engine","pushPort":40000,"calls":6}'
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import si from 'systeminformation';
import { createEngine } from '../../src/core/engine';
import { APSD_RULES } from '../../src/shared/settings';
import { measureCall, type CallCost } from '../lib/cpu-clock';

export interface SideRequest {
  side: 'engine' | 'systeminformation';
  /** The farm's loopback "push" server: its peers stand in for Apple's courier hosts. */
  pushPort: number;
  calls: number;
}

export interface SideReport {
  calls: CallCost[];
  /** FIN_WAIT_1 sockets the last call saw, so a run that missed the pile-up is caught. */
  finWait1: number;
  /** Where the engine read its table (`ss -tan ...`). */
  from?: string;
}

type Sampler = () => Promise<{ finWait1: number; from?: string }>;

async function engineSampler(
  pushPort: number,
  dataDir: string,
): Promise<[Sampler, () => Promise<void>]> {
  const engine = createEngine({
    dataDir,
    intervalSeconds: 300, // no timer sample during the measured calls
    logSource: { kind: 'none' },
    rules: {
      processes: APSD_RULES.processes,
      peerPorts: [...APSD_RULES.peerPorts, pushPort],
      peerCidrs: [...APSD_RULES.peerCidrs, '127.0.0.0/8'],
    },
  });
  await engine.start();
  const sample: Sampler = async () => {
    const snapshot = await engine.sampleNow();
    return { finWait1: snapshot.connections.finWait1.count, from: snapshot.source.sockets.from };
  };
  return [sample, () => engine.stop()];
}

const siSampler: Sampler = async () => {
  const rows = await si.networkConnections();
  return { finWait1: rows.filter((row) => ['FIN_WAIT1', 'FIN_WAIT_1'].includes(row.state)).length };
};

async function main(): Promise<SideReport> {
  const request = JSON.parse(process.argv[2] ?? '{}') as SideRequest;
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-sample-'));
  try {
    const [sample, stop] =
      request.side === 'engine'
        ? await engineSampler(request.pushPort, dataDir)
        : [siSampler, async () => {}];
    if (request.side !== 'engine') await sample(); // the engine's start took its first sample
    const report: SideReport = { calls: [], finWait1: 0 };
    for (let i = 0; i < request.calls; i++) {
      const { cost, value } = await measureCall(sample);
      report.calls.push(cost);
      Object.assign(report, value);
    }
    await stop();
    return report;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
  (error: unknown) => {
    process.stderr.write(
      `sample-side: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
    );
    process.exit(1);
  },
);
