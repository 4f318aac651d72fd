/**
 * Following a live syslog file through a flood. A writer in this process appends apsd
 * lines at 100,000 lines/s (issue 9's rate; the follower used to manage about 30,000) while the
 * engine (createEngine with a syslog file, sampling every second) follows it in a fresh process; the peer, `tail -F | head -n N`,
 * follows the same kind of flood in the same run. Measured: how soon after the last line each
 * has read everything (its lag), its CPU, and its peak RSS.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { alternate } from '../lib/alternate';
import type { BenchOptions } from '../lib/bench-options';
import { measureProcess } from '../lib/measured-run';
import { WORK_DIR, distEntry } from '../lib/paths';
import { SampleSet, type SectionBody } from '../lib/section-result';
import { syslogStamp } from '../../test/support/syslog-stamp';

const RATE = 100_000;
const BATCH_MS = 10;
const SIDES = {
  follower: 'apsd-watch engine (--log-file, 1 s poll, 1 s interval)',
  tail: 'tail -F | head -n N',
} as const;
const LINE = 'mac.local apsd[106]: Failed to evaluate trust: server certificate is not trusted\n';

/** Appends `total` lines at RATE lines/s in 10 ms batches; resolves with when the last landed. */
async function flood(path: string, total: number): Promise<number> {
  const perBatch = (RATE * BATCH_MS) / 1000;
  const started = performance.now();
  for (let written = 0, batch = 0; written < total; batch += 1) {
    const n = Math.min(perBatch, total - written);
    appendFileSync(path, `${syslogStamp(new Date())} ${LINE}`.repeat(n));
    written += n;
    const due = started + (batch + 1) * BATCH_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return Date.now();
}

export async function runFollowBench(options: BenchOptions): Promise<SectionBody> {
  const started = performance.now();
  const seconds = options.quick ? 5 : 20;
  const rounds = options.quick ? 1 : 3;
  const total = RATE * seconds;
  const dir = join(WORK_DIR, 'follow');
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'system.log');
  const samples = new SampleSet();
  const problems: string[] = [];
  const rates: number[] = [];
  const warnings = new Set<string>();
  const side = (
    label: string,
    argv: () => string[],
    check?: (stdout: string, lastAt: number) => void,
  ) => ({
    name: label,
    async run() {
      writeFileSync(path, '');
      const running = measureProcess(argv(), { keepStdout: Boolean(check), timeoutMs: 300_000 });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // a head start; lines before the reader is up are still read (back-fill, tail -n +1)
      const writeStart = Date.now();
      const lastAt = await flood(path, total);
      rates.push(total / ((lastAt - writeStart) / 1000));
      const run = await running;
      if (run.exitCode !== 0) throw new Error(`${label} exited with ${run.exitCode}`);
      samples.add(label, 'cpuMs', run.cpuMs);
      samples.add(label, 'rssMiB', run.maxRssKb / 1024);
      check?.(run.stdout, lastAt);
    },
  });
  try {
    await alternate(rounds, [
      side(
        SIDES.follower,
        () => [process.execPath, distEntry('follow-main'), path, String(total), '120000'],
        (stdout, lastAt) => {
          const out = JSON.parse(stdout.trim().split('\n').pop()!) as {
            linesRead: number;
            events: number;
            doneAt: number;
            warnings: string[];
          };
          if (out.linesRead !== total)
            problems.push(`the follower read ${out.linesRead} of ${total} lines`);
          if (out.events !== total)
            problems.push(`the follower counted ${out.events} of ${total} events`);
          samples.add(SIDES.follower, 'lagMs', Math.max(0, out.doneAt - lastAt));
          for (const w of out.warnings) warnings.add(w.replace(/\d[\d,]*/g, 'N'));
        },
      ),
      side(
        SIDES.tail,
        // tail -F never ends by itself (head's exit reaches it only with its next write), so
        // the wrapper stops it once head has its lines, and waits for it so its CPU counts.
        () => [
          'bash',
          '-c',
          `exec 3< <(exec tail -n +1 -F "$0" 2>/dev/null); T=$!; head -n ${total} <&3 > /dev/null; date +%s%3N; kill $T; wait $T 2>/dev/null; exit 0`,
          path,
        ],
        (stdout, lastAt) => {
          samples.add(SIDES.tail, 'lagMs', Math.max(0, Number(stdout.trim()) - lastAt));
        },
      ),
    ]);
    const lag = samples.summary(SIDES.follower, 'lagMs');
    const rss = samples.summary(SIDES.follower, 'rssMiB');
    const writeRate = Math.min(...rates);
    return {
      conditions: [
        `A writer appends ${total.toLocaleString('en-US')} apsd lines ("Failed to evaluate trust", every one an event) to one file at ${RATE.toLocaleString('en-US')} lines/s in 10 ms batches (it reached at least ${Math.round(writeRate).toLocaleString('en-US')} lines/s), ${seconds} s per round, ${rounds} round(s), each side a fresh process started 1.5 s before the flood.`,
        'Lag = from the last line written to the first snapshot that shows every line read (for tail, to head having every line); the engine polls the file and samples every second, so a lag under about 2 s means it kept up. CPU and peak RSS from wait4 (bench/lib/rusage-run.py).',
      ],
      metrics: [
        { key: 'lagMs', label: 'lag ms', digits: 0 },
        { key: 'cpuMs', label: 'CPU ms', digits: 0 },
        { key: 'rssMiB', label: 'peak RSS MiB', digits: 1 },
      ],
      sides: Object.values(SIDES).map((label) => ({
        label,
        peer: label === SIDES.tail,
        metrics: samples.summaries(label),
      })),
      targets: [
        {
          target: `the follower keeps up with ${RATE.toLocaleString('en-US')} lines/s (lag under 2 s)`,
          measured: `${Math.round(lag.median)} ms median lag`,
          met: lag.max < 2000,
          whyMissed:
            'Parsing and aggregating each line costs more than 10 us: profile the follower (node --cpu-prof bench/.work/dist/follow-main.mjs FILE LINES 120000).',
        },
        {
          target: 'memory stays bounded: follower peak RSS under 150 MB',
          measured: `${rss.max.toFixed(1)} MiB (max)`,
          met: (rss.max * 1048576) / 1e6 < 150,
          whyMissed:
            'Something keeps lines or events: only counts, 1,000 times per kind and 200 recent events should stay.',
        },
      ],
      notes: warnings.size ? [`The follower said: ${[...warnings].join('; ')}.`] : [],
      problems,
      durationSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await rm(path, { force: true });
  }
}
