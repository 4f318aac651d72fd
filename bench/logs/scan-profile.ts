/**
 * When scan-logs misses its target: one extra run under `node --cpu-prof`, described as where its
 * main thread spent the time (bench/lib/cpu-profile.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/core/exec/run-command';
import { describeTop, summarizeProfileDir } from '../lib/cpu-profile';
import { CLI } from '../lib/paths';

export async function profileScanLogs(paths: readonly string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-scan-profile-'));
  try {
    const started = performance.now();
    await runCommand(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`, CLI, 'scan-logs', '--json', ...paths],
      { timeoutMs: 600_000, maxBufferBytes: 256 * 1024 * 1024 },
    );
    const wallMs = performance.now() - started;
    const summary = await summarizeProfileDir(dir);
    if (!summary) return 'Profile: node --cpu-prof wrote no profile.';
    return (
      `Profile of one scan-logs run (node --cpu-prof, ${(wallMs / 1000).toFixed(1)} s wall with the profiler on): the main thread was idle ${((summary.idleMs / summary.totalMs) * 100).toFixed(0)}% of ${(summary.totalMs / 1000).toFixed(1)} s (waiting for gunzip on libuv's pool or for reads). ` +
      `Most self time of the busy rest: ${describeTop(summary)}.`
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
