/**
 * The history when its directory fails it: read-only, a file where the directory should be, a
 * full file system (a real 64 KiB tmpfs). The app keeps running, warns once at the moment it
 * knows, and loses nothing already written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../shared/snapshot';
import {
  canLockDirectories,
  lockDirectory,
  lockSkipReason,
  unlockDirectory,
} from '../../../test/support/lock-directory';
import { HistoryStore } from './history-store';
import { fillUp, mountSmallTmpfs, type SmallTmpfs } from '../../../test/support/small-tmpfs';

const T0 = Date.UTC(2025, 7, 9, 12, 0, 0);
let clock = T0;
const now = () => clock;

function point(i: number): HistoryPoint {
  return {
    t: T0 - 3000_000 + i * 1000,
    finWait1: i,
    established: 1,
    total: i + 1,
    sendQueueBytes: 0,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apsd-watch-history-faults-'));
  clock = T0;
});
afterEach(async () => {
  await unlockDirectory(dir).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('HistoryStore when its directory fails it', () => {
  if (!canLockDirectories) console.info(lockSkipReason);
  it.runIf(canLockDirectories)(
    'warns at open, once, in a read-only directory, and keeps samples in memory',
    async () => {
      await lockDirectory(dir);
      const warnings: string[] = [];
      const store = await HistoryStore.open(dir, { now, onWarning: (w) => warnings.push(w) });
      expect(store.warnings).toHaveLength(1);
      expect(store.warnings[0]).toMatch(/^history will not be saved: E(PERM|ACCES|ROFS): /);
      for (let i = 0; i < 50; i += 1) {
        clock += 10_000;
        store.record(point(i));
      }
      expect(store.saveProblem()).toMatch(
        /^history not saved: E(PERM|ACCES|ROFS): .*; 50 samples only in memory, retried every minute$/,
      );
      await store.close();
      // Said once at open; at close, what that cost.
      expect(store.warnings).toHaveLength(2);
      expect(store.warnings[1]).toMatch(/^history: lost 50 samples that could not be saved \(E/);
      expect(store.query('1h').points).toHaveLength(50);
    },
  );

  it.runIf(canLockDirectories)(
    'keeps journaling when the directory turns read-only later, and loses nothing',
    async () => {
      const store = await HistoryStore.open(dir, { now, compactAfterEntries: 10 });
      for (let i = 0; i < 5; i += 1) store.record(point(i));
      await lockDirectory(dir);
      // The journal exists: appends go on; the compaction (a new file) fails, said once.
      for (let i = 5; i < 30; i += 1) store.record(point(i));
      expect(store.warnings).toHaveLength(1);
      expect(store.warnings[0]).toMatch(
        /^history not compacted: could not write history\.json: .*; every sample is kept in its journal$/,
      );
      await unlockDirectory(dir);
      const reopened = await HistoryStore.open(dir, { now });
      expect(reopened.query('1h').points.map((p) => p.finWait1)).toEqual([...Array(30).keys()]);
      await Promise.all([store.close(), reopened.close()]);
    },
  );

  it('warns once when the data directory is a file, and keeps running', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const store = await HistoryStore.open(file, { now });
    expect(store.warnings).toEqual([
      `cannot create data directory ${file}: EEXIST: file already exists, mkdir '${file}'; history will not be saved`,
    ]);
    store.record(point(1));
    expect(store.query('1h').points).toHaveLength(1);
    await store.close();
    expect(store.warnings).toEqual([
      `cannot create data directory ${file}: EEXIST: file already exists, mkdir '${file}'; history will not be saved`,
      'history: lost 1 sample that could not be saved (ENOTDIR: not a directory)',
    ]);
  });
});

describe('HistoryStore on a full file system (a 64 KiB tmpfs)', () => {
  let tmpfs: SmallTmpfs = { path: '', skip: 'not mounted', unmount() {} };
  beforeAll(() => {
    tmpfs = mountSmallTmpfs(64);
    if (tmpfs.skip) console.info(tmpfs.skip);
  });
  afterAll(() => tmpfs.unmount());

  it('warns once when the disk fills, keeps what it wrote, and catches up once there is room', async () => {
    if (tmpfs.skip) return;
    const data = join(tmpfs.path, 'data');
    const warnings: string[] = [];
    const store = await HistoryStore.open(data, { now, onWarning: (w) => warnings.push(w) });
    for (let i = 0; i < 20; i += 1) store.record(point(i));
    const filler = join(tmpfs.path, 'filler');
    fillUp(filler);
    for (let i = 20; i < 300; i += 1) store.record(point(i));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^history not saved: .*ENOSPC: no space left on device, write; samples are kept in memory and saved when the disk takes them$/,
    );
    expect(store.saveProblem()).toMatch(/; \d+ samples only in memory, retried every minute$/);
    const meanwhile = await HistoryStore.open(data, { now });
    const kept = meanwhile.query('1h').points.map((p) => p.finWait1);
    expect(kept.slice(0, 20)).toEqual([...Array(20).keys()]);
    rmSync(filler);
    clock += 60_000;
    store.record(point(300));
    const after = await HistoryStore.open(data, { now });
    expect(after.query('1h').points.map((p) => p.finWait1)).toEqual([...Array(301).keys()]);
    console.info(
      `full tmpfs: ${kept.length} of the first 300 samples were on disk while it was full (the first 20 all), 301 of 301 after room came back; ${warnings.length} warning`,
    );
    await Promise.all([store.close(), meanwhile.close(), after.close()]);
  });
});
