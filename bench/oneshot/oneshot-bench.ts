/**
 * What a whole process costs when an admin's script runs apsd-watch once: `--version`
 * against a bare `node -e 0`, and `status --json` with ~10,000 sockets on the
 * machine (400 FIN_WAIT_1) against a process that calls systeminformation's networkConnections()
 * once. Every run is a fresh process, measured by the kernel (wait4), children included.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '../../src/shared/snapshot';
import { alternate } from '../lib/alternate';
import type { BenchOptions } from '../lib/bench-options';
import { measureProcess } from '../lib/measured-run';
import { CLI } from '../lib/paths';
import { SampleSet, ratioTarget, type SectionBody, type TargetResult } from '../lib/section-result';
import { countSockets, startFarm } from '../sockets/farm';

const SIDES = {
  bare: 'node -e 0',
  version: 'apsd-watch --version',
  status: 'apsd-watch status --json',
  si: 'systeminformation.networkConnections() once',
} as const;
const PEERS = new Set<string>([SIDES.bare, SIDES.si]);

export async function runOneShotBench(options: BenchOptions): Promise<SectionBody> {
  const started = performance.now();
  const rounds = options.quick ? 3 : 7;
  const farm = await startFarm(options.quick);
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-oneshot-'));
  const samples = new SampleSet();
  const problems: string[] = [];
  const froms = new Set<string>();
  try {
    const { pushPort } = farm;
    // apsd's own rules as a Mac runs them (process apsd, peer port 5223 in Apple's ranges), plus
    // the farm's push port on loopback so the pile-up is apsd's here.
    const rules = ['--process', 'apsd', '--port', '5223', '--port', String(pushPort)];
    for (const peer of ['17.0.0.0/8', '2620:149:a44::/48', '127.0.0.0/8'])
      rules.push('--peer', peer);
    const side = (label: string, argv: string[], check?: (stdout: string) => void) => ({
      name: label,
      async run() {
        const run = await measureProcess(argv, { keepStdout: Boolean(check) });
        if (run.exitCode !== 0) throw new Error(`exited with ${run.exitCode}`);
        samples.add(label, 'cpuMs', run.cpuMs);
        samples.add(label, 'wallMs', run.wallMs);
        check?.(run.stdout);
      },
    });
    const node = process.execPath;
    await alternate(
      rounds,
      [
        side(SIDES.bare, [node, '-e', '0']),
        side(SIDES.version, [node, CLI, '--version']),
        side(
          SIDES.status,
          [node, CLI, 'status', '--json', '--data-dir', dataDir, ...rules],
          (out) => {
            const snapshot = JSON.parse(out) as Snapshot;
            froms.add(snapshot.source.sockets.from);
            if (snapshot.connections.finWait1.count < farm.finWait1)
              problems.push(
                `status saw ${snapshot.connections.finWait1.count} FIN_WAIT_1 sockets, ${farm.finWait1} were made`,
              );
          },
        ),
        side(SIDES.si, [
          node,
          '--input-type=module',
          '-e',
          "import si from 'systeminformation'; await si.networkConnections();",
        ]),
      ],
      async () => {
        if (countSockets(pushPort).stuck < farm.finWait1) await farm.refresh();
      },
    );
    const machine = countSockets(pushPort);
    return {
      conditions: [
        `${machine.total.toLocaleString('en-US')} TCP sockets on the machine, ${farm.finWait1} of them real FIN_WAIT_1 orphans with Send-Q > 0 towards a loopback "push" port (the socket farm of section 1).`,
        `\`status --json\` runs with apsd's rules (process apsd; peer port 5223 in Apple's ranges) plus the push port in 127.0.0.0/8, and a fresh data directory for the benchmark. It read its table with: ${[...froms].join('; ') || 'unknown'}. It checks the daemon first (one ps), so with no process named apsd on this machine it asks ss for the watched ports only; on a Mac it runs \`netstat -anvl -p tcp\` instead, which this Linux machine cannot measure.`,
        `${rounds} rounds, every side a fresh process each round, in rotating order. CPU = user + system of the whole process and its waited-for children (wait4 through bench/lib/rusage-run.py).`,
      ],
      metrics: [
        { key: 'cpuMs', label: 'CPU ms', digits: 1 },
        { key: 'wallMs', label: 'wall ms', digits: 1 },
      ],
      sides: Object.values(SIDES)
        .filter((label) => samples.has(label))
        .map((label) => ({ label, peer: PEERS.has(label), metrics: samples.summaries(label) })),
      targets: oneShotTargets(samples),
      notes: [],
      problems: [...new Set(problems)],
      durationSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await farm.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function oneShotTargets(samples: SampleSet): TargetResult[] {
  return [
    ratioTarget(samples, 'cpuMs', [SIDES.version, SIDES.bare], 1.5, [
      '`apsd-watch --version` CPU <= 1.5x `node -e 0`',
      'What is left is Node loading the entry chunk of the split CLI bundle (the registry, argument parsing, the version); a command module and its dependencies load only when that command runs. What would close it: fewer, smaller modules in the entry chunk, or a V8 compile cache (module.enableCompileCache, Node 22).',
    ]),
    ratioTarget(samples, 'cpuMs', [SIDES.status, SIDES.si], 0.5, [
      '`status --json` CPU <= 0.5x a process calling systeminformation.networkConnections() once',
      'The status process pays for Node itself (the `node -e 0` row), for loading about 200 KB of engine code with zod bundled in, for reading settings and history, for one ps and one port-filtered ss, and for the history journal. What would close it: a V8 code cache, which the launcher already turns on where Node has one (module.enableCompileCache, Node 22.1 and later; this machine runs Node 20), or a status path that loads only the sampler, the analysis and the JSON writer.',
    ]),
  ];
}
