/**
 * `analyze-netstat` on a capture near its size cap. It streams: rows are counted as
 * they pass and at most MAX_CAPTURE_ITEMS are listed, so peak memory should not grow with the
 * file (issue 9's target: a 256 MiB capture under 300 MB RSS; it used to take ~1.5 KB per row and
 * crash). Peers read the same file in the same run: `wc -l` (reads every byte, keeps nothing)
 * and `grep -c 5223` (what a person would run instead).
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Snapshot } from '../../src/shared/snapshot';
import { alternate } from '../lib/alternate';
import type { BenchOptions } from '../lib/bench-options';
import { measureProcess } from '../lib/measured-run';
import { CLI, WORK_DIR } from '../lib/paths';
import { SampleSet, type SectionBody } from '../lib/section-result';
import { writeCapture } from './netstat-capture';

const MiB = 1024 * 1024;
const SIDES = {
  analyze: 'apsd-watch analyze-netstat --json',
  wc: 'wc -l',
  grep: 'grep -c 5223',
} as const;
const PEERS = new Set<string>([SIDES.wc, SIDES.grep]);
const TARGET_RSS_MB = 300;

export async function runCaptureBench(options: BenchOptions): Promise<SectionBody> {
  const started = performance.now();
  const bytes = options.quick ? 32 * MiB : 256 * MiB - 64 * 1024;
  const rounds = options.quick ? 1 : 3;
  const dir = join(WORK_DIR, 'capture');
  await mkdir(dir, { recursive: true });
  const file = join(dir, `netstat-anv-${bytes}.txt`);
  const samples = new SampleSet();
  const problems: string[] = [];
  try {
    const rows = await writeCapture(file, { bytes });
    const fileBytes = (await stat(file)).size;
    const side = (label: string, argv: string[], check?: (stdout: string) => void) => ({
      name: label,
      async run() {
        const run = await measureProcess(argv, { keepStdout: Boolean(check), timeoutMs: 600_000 });
        if (run.exitCode > 1) throw new Error(`${label} exited with ${run.exitCode}`);
        samples.add(label, 'rssMiB', run.maxRssKb / 1024);
        samples.add(label, 'wallMs', run.wallMs);
        samples.add(label, 'cpuMs', run.cpuMs);
        check?.(run.stdout);
      },
    });
    await alternate(rounds, [
      side(SIDES.analyze, [process.execPath, CLI, 'analyze-netstat', file, '--json'], (out) => {
        const snapshot = JSON.parse(out) as Snapshot;
        if (snapshot.source.sockets.rowsRead !== rows)
          problems.push(`analyze-netstat read ${snapshot.source.sockets.rowsRead} rows of ${rows}`);
        if (snapshot.connections.total !== rows)
          problems.push(`analyze-netstat attributed ${snapshot.connections.total} rows of ${rows}`);
      }),
      side(SIDES.wc, ['wc', '-l', file]),
      side(SIDES.grep, ['grep', '-c', '5223', file]),
    ]);
    const rss = samples.summary(SIDES.analyze, 'rssMiB');
    const peakMb = (rss.max * MiB) / 1e6;
    return {
      conditions: [
        `One macOS 26 \`netstat -anv\` capture of ${(fileBytes / MiB).toFixed(1)} MiB (${rows.toLocaleString('en-US')} rows, all apsd's, a third FIN_WAIT_1), written by the benchmark; the input cap is 256 MiB.`,
        `${rounds} rounds, each side a fresh process, in rotating order; peak RSS is the kernel's ru_maxrss (wait4 through bench/lib/rusage-run.py).`,
      ],
      metrics: [
        { key: 'rssMiB', label: 'peak RSS MiB', digits: 1 },
        { key: 'wallMs', label: 'wall ms', digits: 0 },
        { key: 'cpuMs', label: 'CPU ms', digits: 0 },
      ],
      sides: Object.values(SIDES).map((label) => ({
        label,
        peer: PEERS.has(label),
        metrics: samples.summaries(label),
      })),
      targets: [
        {
          target: `analyze-netstat peak RSS < ${TARGET_RSS_MB} MB on a ${options.quick ? '32 MiB (quick)' : '256 MiB'} capture`,
          measured: `${peakMb.toFixed(0)} MB (max of ${rounds})`,
          met: peakMb < TARGET_RSS_MB,
          whyMissed:
            'Something holds rows again: only counts and at most 10,000 listed connections should stay in memory (src/core/sockets/capture-tally.ts).',
        },
      ],
      notes: [],
      problems,
      durationSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await rm(file, { force: true });
  }
}
