/**
 * Issue 19's full-disk sequence, on a real 64 KiB tmpfs with the built CLI as a child process:
 * a valid 1,200-point history.json, the rest of the disk filled, `watch --interval 1` for a few
 * samples, `status`, then the space freed and `status` once more. Before the fix the samples were
 * dropped without a word and the last run tore history.json (a short write renamed over it).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHistory, encodeHistory, HISTORY_FILE } from '../../src/core/history/history-file';
import { HistoryStore } from '../../src/core/history/history-store';
import type { Snapshot } from '../../src/shared/snapshot';
import { builtCli } from '../support/built-cli';
import { fillUp, mountSmallTmpfs, type SmallTmpfs } from '../support/small-tmpfs';

const POINTS = 1200;
const SAMPLES = 4;
let disk: SmallTmpfs;
let cli = '';

beforeAll(async () => {
  disk = mountSmallTmpfs(64);
  if (disk.skip) console.info(disk.skip);
  else cli = await builtCli();
}, 180_000);
afterAll(() => disk.unmount());

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out, err })));
}

/** `watch` until it has printed `samples` lines, then Ctrl-C (SIGINT), as a user would. */
function watchFor(data: string, samples: number) {
  const child = spawn(process.execPath, [cli, 'watch', '--interval', '1', '--data-dir', data], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.split('\n').length > samples) child.kill('SIGINT');
  });
  child.stderr.on('data', (chunk) => (err += chunk));
  return new Promise<{ code: number | null; printed: number; err: string }>((resolve) =>
    child.once('exit', (code) =>
      resolve({ code, printed: out.split('\n').filter(Boolean).length, err }),
    ),
  );
}

describe('history on a full disk, through the CLI', () => {
  it(`keeps all ${POINTS} points, says the failure once with the count, and never tears the file`, async () => {
    if (disk.skip) return;
    const data = join(disk.path, 'data');
    mkdirSync(data);
    // Whole seconds: the last hour is kept in one-second buckets.
    const start = Math.floor((Date.now() - 30 * 60_000) / 1000) * 1000;
    const points = Array.from({ length: POINTS }, (_, i) => ({
      t: start + i * 1000,
      finWait1: i % 97,
      established: 1,
      total: (i % 97) + 1,
      sendQueueBytes: i * 7,
    }));
    const historyPath = join(data, HISTORY_FILE);
    const original = encodeHistory({ points, markers: [], generation: 0 });
    writeFileSync(historyPath, original);
    const filler = join(disk.path, 'filler');
    fillUp(filler);

    const watched = await watchFor(data, SAMPLES);
    expect(watched.code).toBe(0);
    const watchLines = watched.err.split('\n').filter(Boolean);
    // Said once as it happened, and at exit what it cost: every printed sample.
    expect(watchLines).toEqual([
      'apsd-watch watch: warning: history not saved: ENOSPC: no space left on device, write; samples are kept in memory and saved when the disk takes them',
      expect.stringMatching(
        new RegExp(
          `^apsd-watch watch: warning: history: lost ${watched.printed} samples that could not be saved \\(.*ENOSPC: no space left on device, write\\)$`,
        ),
      ),
    ]);
    expect(readFileSync(historyPath, 'utf8')).toBe(original);

    const full = await run(['status', '--json', '--data-dir', data]);
    expect(full.code).toBe(0);
    const snapshot = JSON.parse(full.out) as Snapshot;
    expect(snapshot.warnings.filter((w) => w.startsWith('history'))).toEqual([
      expect.stringMatching(
        /^history not saved: .*ENOSPC: no space left on device, write; 1 sample only in memory, retried every minute$/,
      ),
    ]);
    expect(full.err).toMatch(/^apsd-watch: warning: history not saved: ENOSPC: /);
    expect(readFileSync(historyPath, 'utf8')).toBe(original);

    rmSync(filler);
    const freed = await run(['status', '--data-dir', data]);
    expect(freed.code).toBe(0);
    // history.json is whole JSON (the old one or a complete new one), never a torn rewrite.
    const onDisk = decodeHistory(JSON.parse(readFileSync(historyPath, 'utf8')));
    expect(onDisk.points.slice(0, POINTS)).toEqual(points);
    const reopened = await HistoryStore.open(data);
    expect(reopened.warnings).toEqual([]);
    const kept = reopened.query('1h').points;
    // The 1,200 points, and the sample of the run that had room (in the journal or the file).
    expect(kept.slice(0, POINTS)).toEqual(points);
    expect(kept).toHaveLength(POINTS + 1);
    await reopened.close();
    console.info(
      `full 64 KiB tmpfs: watch printed ${watched.printed} samples, lost ${watched.printed} (said on stderr: 1 warning + 1 count at exit); status on the full disk: 1 sample in memory only, said in the snapshot and on stderr; history.json ${statSync(historyPath).size} bytes, ${POINTS} of ${POINTS} points kept, and the freed run's sample saved`,
    );
  }, 120_000);
});
