/**
 * The cost of one sample with ~10,000 sockets on the machine, 400 of them real
 * FIN_WAIT_1 on loopback: the engine's sample (sampleNow, as a running monitor takes it) against
 * systeminformation's networkConnections() and one `ss -tan` process. Every side runs in a fresh
 * process per round.
 */
import { existsSync } from 'node:fs';
import { alternate } from '../lib/alternate';
import type { BenchOptions } from '../lib/bench-options';
import { measureProcess } from '../lib/measured-run';
import { distEntry } from '../lib/paths';
import { SampleSet, ratioTarget, type SectionBody } from '../lib/section-result';
import { countSockets, startFarm } from './farm';
import type { SideReport, SideRequest } from './sample-side';

const SIDES = {
  engine: 'engine sample (sampleNow), steady',
  si: 'systeminformation.networkConnections(), steady',
  ss: 'ss -tan',
} as const;

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export async function runSocketBench(options: BenchOptions): Promise<SectionBody> {
  if (!existsSync('/usr/bin/ss'))
    throw new Error('/usr/bin/ss is missing (apt-get install iproute2)');
  const started = performance.now();
  const size = options.quick ? { rounds: 3, calls: 3 } : { rounds: 7, calls: 5 };
  const farm = await startFarm(options.quick);
  const { before, finWait1 } = farm;
  const samples = new SampleSet();
  const problems = new Set<string>();
  try {
    const { pushPort } = farm;
    const expectStuck = (side: string, seen: number) => {
      if (seen < finWait1)
        problems.add(`${side} saw ${seen} FIN_WAIT_1 sockets, ${finWait1} were made`);
    };
    const nodeSide = (side: SideRequest['side'], label: string) => ({
      name: label,
      async run() {
        const request: SideRequest = { side, pushPort, calls: size.calls };
        const run = await measureProcess(
          [process.execPath, distEntry('sample-side'), JSON.stringify(request)],
          {
            keepStdout: true,
          },
        );
        if (run.exitCode !== 0) throw new Error(`exited with ${run.exitCode}`);
        const report = JSON.parse(run.stdout) as SideReport;
        samples.add(label, 'cpuMs', mean(report.calls.map((c) => c.cpuMs)));
        samples.add(label, 'wallMs', mean(report.calls.map((c) => c.wallMs)));
        expectStuck(label, report.finWait1);
      },
    });
    const ss = {
      name: SIDES.ss,
      async run() {
        const run = await measureProcess(['/usr/bin/ss', '-tan'], { keepStdout: true });
        if (run.exitCode !== 0) throw new Error(`exited with ${run.exitCode}`);
        samples.add(SIDES.ss, 'cpuMs', run.cpuMs);
        samples.add(SIDES.ss, 'wallMs', run.wallMs);
        const port = `:${pushPort} `;
        const lines = run.stdout.split('\n');
        expectStuck(
          SIDES.ss,
          lines.filter((l) => l.startsWith('FIN-WAIT-1') && `${l} `.includes(port)).length,
        );
      },
    };
    await alternate(
      size.rounds,
      [nodeSide('engine', SIDES.engine), nodeSide('systeminformation', SIDES.si), ss],
      async () => {
        if (countSockets(pushPort).stuck < finWait1) await farm.refresh();
      },
    );
    const machine = countSockets(pushPort);
    const why = `The sample spawns a port-filtered ss and reads its output in Node, then analyses and writes history. What would close it: a sampler that asks the kernel directly (sock_diag netlink through a native addon) instead of spawning a tool.`;
    return {
      conditions: [
        `${machine.total.toLocaleString('en-US')} TCP sockets on the machine (${before.toLocaleString('en-US')} before the benchmark, owned by other work on this shared machine; the rest made by the benchmark's farm): ${finWait1} real FIN_WAIT_1 orphans with Send-Q > 0 towards a loopback "push" port, one live push link, ${farm.establishedPairs.toLocaleString('en-US')} idle ESTABLISHED pairs to another port.`,
        `The engine runs with apsd's rules plus the push port in 127.0.0.0/8 and no log source. No process named apsd runs here, so it asks ss for the watched ports only (on a Mac, see section 6).`,
        `${size.rounds} rounds, every side a fresh process each round, in rotating order. A Node side warms up with one call (the engine's start takes its first sample), then ${size.calls} calls are measured and reported as their mean per process; CPU = process.cpuUsage plus reaped children (/proc/self/stat). ss is measured whole by wait4().`,
      ],
      metrics: [
        { key: 'cpuMs', label: 'CPU ms', digits: 1 },
        { key: 'wallMs', label: 'wall ms', digits: 1 },
      ],
      sides: Object.values(SIDES).map((label) => ({
        label,
        peer: label !== SIDES.engine,
        metrics: samples.summaries(label),
      })),
      targets: [
        ratioTarget(samples, 'cpuMs', [SIDES.engine, SIDES.si], 0.2, [
          'engine sample CPU <= 0.2x systeminformation.networkConnections() (steady)',
          why,
        ]),
        ratioTarget(samples, 'cpuMs', [SIDES.engine, SIDES.ss], 1.5, [
          'engine sample CPU <= 1.5x one `ss -tan` process',
          why,
        ]),
      ],
      notes: [],
      problems: [...problems],
      durationSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await farm.stop();
  }
}
