/**
 * Back-filling a week of rotated syslog archives. `scan-logs` (the built CLI, a fresh
 * process) against `zgrep apsd` over the same seven files.
 * Target: scan-logs' wall time at most zgrep's.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Snapshot } from '../../src/shared/snapshot';
import { alternate } from '../lib/alternate';
import type { BenchOptions } from '../lib/bench-options';
import { measureProcess } from '../lib/measured-run';
import { CLI, WORK_DIR } from '../lib/paths';
import { SampleSet, ratioTarget, type SectionBody } from '../lib/section-result';
import { ensureArchives } from './archive-set';

const SIDES = {
  scan: '`apsd-watch scan-logs --json`',
  zgrep: '`zgrep apsd`',
} as const;

const MB = 1024 * 1024;

export async function runLogBench(options: BenchOptions): Promise<SectionBody> {
  for (const tool of ['/usr/bin/zgrep', '/usr/bin/grep'])
    if (!existsSync(tool)) throw new Error(`${tool} is missing (apt-get install gzip grep)`);
  const started = performance.now();
  const perArchive = options.quick ? 8 * MB : 100 * MB;
  const set = await ensureArchives(
    join(WORK_DIR, options.quick ? 'logs-quick' : 'logs-full'),
    perArchive,
  );
  // Every side reads from the page cache, not the disk, including the first.
  await Promise.all(set.paths.map((path) => readFile(path)));
  const samples = new SampleSet();
  const problems: string[] = [];
  const expect = (side: string, what: string, got: number, want: number) => {
    if (got !== want) problems.push(`${side} found ${got} ${what}, the archives hold ${want}`);
  };
  const wantEvents = Object.values(set.total.events).reduce((a, b) => a + b, 0);
  const measured = (label: string, argv: string[], check: (stdout: string) => void) => ({
    name: label,
    async run() {
      const run = await measureProcess(argv, { keepStdout: true, timeoutMs: 600_000 });
      if (run.exitCode !== 0) throw new Error(`exited with ${run.exitCode}`);
      samples.add(label, 'wallMs', run.wallMs);
      samples.add(label, 'cpuMs', run.cpuMs);
      check(run.stdout);
    },
  });
  await alternate(options.quick ? 2 : 5, [
    measured(SIDES.scan, [process.execPath, CLI, 'scan-logs', '--json', ...set.paths], (stdout) => {
      const snapshot = JSON.parse(stdout) as Snapshot;
      const events = Object.values(snapshot.logs.byKind).reduce((a, b) => a + b, 0);
      expect(SIDES.scan, 'apsd events', events, wantEvents);
      expect(SIDES.scan, 'lines', snapshot.source.logs.linesRead, set.total.lines);
    }),
    measured(SIDES.zgrep, ['/usr/bin/zgrep', 'apsd', ...set.paths], (stdout) => {
      expect(SIDES.zgrep, 'lines', stdout.split('\n').length - 1, set.total.grepLines);
    }),
  ]);
  return {
    conditions: [
      `Seven rotated archives system.log.0.gz ... system.log.6.gz, ${(set.bytes / MB).toFixed(0)} MB unpacked (${(set.compressedBytes / MB).toFixed(0)} MB gzipped), ${set.total.lines.toLocaleString('en-US')} lines of seeded, realistic syslog from ~20 processes; apsd wrote ${wantEvents.toLocaleString('en-US')} events (every kind, with repeats and continuation lines) and ${set.total.grepLines.toLocaleString('en-US')} lines contain "apsd" (other processes mention it). ${set.reused ? 'Reused from an earlier run (bench/.work).' : 'Generated for this run into bench/.work.'}`,
      'Each side is one fresh process over all seven files, read from the page cache (the files are read once before the first round); output goes to a pipe that is drained. Every run is checked: scan-logs must report every apsd event and line, the greps every matching line.',
      `${options.quick ? 2 : 5} rounds, sides in rotating order; wall and CPU times (incl. children: zgrep runs gzip and grep per file) from wait4().`,
    ],
    metrics: [
      { key: 'wallMs', label: 'wall ms', digits: 0 },
      { key: 'cpuMs', label: 'CPU ms', digits: 0 },
    ],
    sides: Object.values(SIDES).map((label) => ({
      label,
      peer: label !== SIDES.scan,
      metrics: samples.summaries(label),
    })),
    targets: [
      ratioTarget(samples, 'wallMs', [SIDES.scan, SIDES.zgrep], 1, [
        'scan-logs wall time <= 1.0x zgrep apsd',
        "scan-logs gunzips on libuv's pool and classifies every apsd line; `node --cpu-prof bin/apsd-watch.mjs scan-logs ...` shows where its main thread spends the rest.",
      ]),
    ],
    notes: [],
    problems: [...new Set(problems)],
    durationSeconds: (performance.now() - started) / 1000,
  };
}
