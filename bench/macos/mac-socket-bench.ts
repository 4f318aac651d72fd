/**
 * macOS only: what reading apsd's sockets costs on a real Mac, as whole processes,
 * on whatever sockets the Mac has: `apsd-watch status --json` (one whole sample, the engine
 * running `netstat -anvl -p tcp`), that netstat alone, `lsof -a -c apsd -iTCP` and
 * `nettop -p apsd`. The workflow's macOS bench job runs it; this Linux machine cannot. Why the
 * engine keeps netstat: lsof sees only sockets that still have a file descriptor, so never the
 * closed FIN_WAIT_1 leftovers, and nettop prints no Send-Q (docs/sources.md#fin_wait_1-on-macos).
 */
import { execFileSync } from 'node:child_process';
import { alternate } from '../lib/alternate';
import type { BenchOptions } from '../lib/bench-options';
import { measureProcess } from '../lib/measured-run';
import { CLI } from '../lib/paths';
import { SampleSet, type SectionBody } from '../lib/section-result';

const SIDES = {
  status: 'apsd-watch status --json (process)',
  netstat: 'netstat -anvl -p tcp (process)',
  lsof: 'lsof -a -c apsd -iTCP -nP (process)',
  nettop: 'nettop -p apsd -m tcp -L 1 -n (process)',
} as const;

function apsdPid(): string | null {
  try {
    return execFileSync('/usr/bin/pgrep', ['-x', 'apsd'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null; // pgrep exits 1 when nothing matches
  }
}

export async function runMacSocketBench(options: BenchOptions): Promise<SectionBody> {
  const started = performance.now();
  const rounds = options.quick ? 3 : 7;
  const pid = apsdPid();
  const samples = new SampleSet();
  const rows = new Map<string, number>();
  const lines = (out: string) => out.split('\n').filter((l) => l.trim()).length;
  const measure = (label: string, argv: string[]) => ({
    name: label,
    async run() {
      const run = await measureProcess(argv, { keepStdout: true });
      samples.add(label, 'cpuMs', run.cpuMs);
      samples.add(label, 'wallMs', run.wallMs);
      rows.set(label, Math.max(0, lines(run.stdout) - 1));
    },
  });
  await alternate(rounds, [
    measure(SIDES.status, [process.execPath, CLI, 'status', '--json']),
    measure(SIDES.netstat, ['/usr/sbin/netstat', '-anvl', '-p', 'tcp']),
    measure(SIDES.lsof, ['/usr/sbin/lsof', '-a', '-c', 'apsd', '-iTCP', '-nP']),
    measure(SIDES.nettop, [
      '/usr/bin/nettop',
      '-p',
      'apsd',
      '-m',
      'tcp',
      '-L',
      '1',
      '-n',
      '-J',
      'state,bytes_in,bytes_out',
    ]),
  ]);
  rows.delete(SIDES.status);
  return {
    conditions: [
      `This Mac's own sockets, as they were: apsd ${pid === null ? 'not running' : `running as pid ${pid}`}. Rows each tool printed (last round): ${[...rows].map(([label, n]) => `${label.replace(/ \(.*\)$/, '')}: ${n}`).join('; ')}.`,
      `${rounds} rounds, processes in rotating order; CPU = user + system of the whole process and its waited-for children (wait4 through bench/lib/rusage-run.py).`,
      "lsof lists only sockets that still have a file descriptor, so apsd's closed FIN_WAIT_1 leftovers never appear in it; nettop prints no Send-Q. netstat -v is the one source with both the last owner (so_last_pid) and the queues.",
    ],
    metrics: [
      { key: 'cpuMs', label: 'CPU ms', digits: 2 },
      { key: 'wallMs', label: 'wall ms', digits: 1 },
    ],
    sides: Object.values(SIDES).map((label) => ({
      label,
      peer: label === SIDES.netstat,
      metrics: samples.summaries(label),
    })),
    targets: [],
    notes: [],
    problems:
      pid === null ? ['apsd is not running on this Mac: the lsof and nettop rows are empty'] : [],
    durationSeconds: (performance.now() - started) / 1000,
  };
}
