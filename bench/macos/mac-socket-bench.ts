/**
 * Section 7 (macOS only): what each way of reading apsd's sockets costs on a real Mac, as whole
 * processes, on whatever sockets the Mac has: `netstat -anvl -p tcp` (what the engine runs; the
 * whole TCP table, no kernel filter), the same parsed with a pid pre-filter, `lsof -a -c apsd
 * -iTCP` and `nettop -p apsd`. The workflow's macOS bench job runs it; this Linux machine cannot.
 * Why the engine keeps netstat is on paper in bench/RESULTS.md and the README: lsof sees only
 * sockets that still have a file descriptor, so never the closed FIN_WAIT_1 leftovers, and nettop
 * prints no Send-Q (docs/sources.md#fin_wait_1-on-macos).
 */
import { parseNetstat } from '../../src/core/sockets/netstat-parse';
import { createDaemonWatcher } from '../../src/core/daemon/daemon-info';
import { alternate } from '../lib/alternate';
import type { BenchOptions } from '../lib/bench-options';
import { measureProcess } from '../lib/measured-run';
import { SampleSet, type SectionResult } from '../lib/section-result';

const SIDES = {
  netstat: 'netstat -anvl -p tcp (process)',
  parse: 'parseNetstat of that output (in-process)',
  parsePid: "parseNetstat of its rows holding apsd's pid (pre-filtered, in-process)",
  lsof: 'lsof -a -c apsd -iTCP -nP (process)',
  nettop: 'nettop -p apsd -m tcp -L 1 -n (process)',
} as const;

/** CPU of one synchronous call in this process, in ms. */
function cpuOf(work: () => unknown): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

export async function runMacSocketBench(options: BenchOptions): Promise<SectionResult> {
  if (process.platform !== 'darwin')
    throw new Error('compares macOS socket sources (netstat, lsof, nettop): run on a Mac');
  const started = performance.now();
  const rounds = options.quick ? 3 : 7;
  const daemon = await createDaemonWatcher('apsd', { platform: 'darwin' }).check(new Date());
  const pid = daemon.daemon.pid;
  const samples = new SampleSet();
  const rows = new Map<string, number>();
  const measure = (label: string, argv: string[], count: (out: string) => number) => ({
    name: label,
    async run() {
      const run = await measureProcess(argv, { keepStdout: true });
      samples.add(label, 'cpuMs', run.cpuMs);
      samples.add(label, 'wallMs', run.wallMs);
      rows.set(label, count(run.stdout));
      if (label === SIDES.netstat) {
        const text = run.stdout;
        samples.add(
          SIDES.parse,
          'cpuMs',
          cpuOf(() => parseNetstat(text)),
        );
        if (pid !== null) {
          const mine = new RegExp(`[\\s:]${pid}\\s`);
          const lines = text.split('\n');
          const filtered = () =>
            parseNetstat(lines.filter((l, i) => i < 2 || mine.test(l)).join('\n'));
          samples.add(SIDES.parsePid, 'cpuMs', cpuOf(filtered));
        }
      }
    },
  });
  const lines = (out: string) => out.split('\n').filter((l) => l.trim()).length;
  await alternate(rounds, [
    measure(
      SIDES.netstat,
      ['/usr/sbin/netstat', '-anvl', '-p', 'tcp'],
      (out) => parseNetstat(out).rows.length,
    ),
    measure(SIDES.lsof, ['/usr/sbin/lsof', '-a', '-c', 'apsd', '-iTCP', '-nP'], (out) =>
      Math.max(0, lines(out) - 1),
    ),
    measure(
      SIDES.nettop,
      [
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
      ],
      (out) => Math.max(0, lines(out) - 1),
    ),
  ]);
  return {
    id: 'macsockets',
    title: '7. macOS socket sources',
    conditions: [
      `This Mac's own sockets, as they were: apsd ${pid === null ? 'not running' : `running as pid ${pid}`}. Rows each source printed (last round): ${[...rows].map(([label, n]) => `${label.replace(/ \(.*\)$/, '')}: ${n}`).join('; ')}.`,
      `${rounds} rounds, processes in rotating order; CPU = user + system of the whole process (wait4 through bench/lib/rusage-run.py); the parses are timed in this process with process.cpuUsage().`,
      "lsof lists only sockets that still have a file descriptor, so apsd's closed FIN_WAIT_1 leftovers never appear in it; nettop prints no Send-Q. netstat -v is the one source with both the last owner (so_last_pid) and the queues.",
    ],
    metrics: [
      { key: 'cpuMs', label: 'CPU ms', digits: 2 },
      { key: 'wallMs', label: 'wall ms', digits: 1 },
    ],
    sides: Object.values(SIDES)
      .filter((label) => samples.has(label))
      .map((label) => ({
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
