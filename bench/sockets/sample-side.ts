/**
 * One side of the socket section in a fresh process: the engine's own sample (createEngine and
 * sampleNow, as the CLI and the app drive it) or systeminformation's networkConnections(). One
 * call warms up (the engine's start takes its first sample), then `calls` are measured; prints
 * a SideReport as one JSON line.   node sample-side.mjs '{"side":"engine","pushPort":4000,"calls":5}'
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import si from 'systeminformation';
import { createEngine } from '../../src/core/engine';
import { APSD_RULES } from '../../src/shared/settings';

export interface SideRequest {
  side: 'engine' | 'systeminformation';
  /** The farm's loopback "push" server: its peers stand in for Apple's courier hosts. */
  pushPort: number;
  calls: number;
}

export interface SideReport {
  calls: { cpuMs: number; wallMs: number }[];
  /** FIN_WAIT_1 sockets the last call saw, so a run that missed the pile-up is caught. */
  finWait1: number;
}

/** This process's CPU (all threads) plus its reaped children's (/proc/self/stat, 10 ms ticks). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // cutime, cstime: 14 and 15
  return (user + system) / 1000 + (Number(fields[13]) + Number(fields[14])) * 10;
}

async function main(): Promise<SideReport> {
  const { side, pushPort, calls } = JSON.parse(process.argv[2] ?? '{}') as SideRequest;
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-sample-'));
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
  const sample =
    side === 'engine'
      ? async () => (await engine.sampleNow()).connections.finWait1.count
      : async () =>
          (await si.networkConnections()).filter((r) => /^FIN_WAIT_?1$/.test(r.state)).length;
  try {
    if (side === 'engine') await engine.start();
    else await sample();
    const report: SideReport = { calls: [], finWait1: 0 };
    for (let i = 0; i < calls; i++) {
      const [cpu, wall] = [cpuMs(), performance.now()];
      report.finWait1 = await sample();
      report.calls.push({ cpuMs: cpuMs() - cpu, wallMs: performance.now() - wall });
    }
    return report;
  } finally {
    await engine.stop();
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
