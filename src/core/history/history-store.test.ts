import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistoryPoint } from '../../shared/snapshot';
import {
  canLockDirectories,
  lockDirectory,
  lockSkipReason,
  unlockDirectory,
} from '../../../test/support/lock-directory';
import { HISTORY_FILE, decodeHistory } from './history-file';
import { HistoryStore } from './history-store';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2025, 7, 9, 12, 0, 0);

let dir: string;
let clock: number;
const now = () => clock;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apsd-watch-history-'));
  clock = T0;
});
afterEach(async () => {
  vi.useRealTimers();
  await unlockDirectory(dir).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

function point(t: number, finWait1: number): HistoryPoint {
  return { t, finWait1, established: 1, total: finWait1 + 1, sendQueueBytes: finWait1 * 100 };
}

const fileOnDisk = async () =>
  decodeHistory(JSON.parse(await readFile(join(dir, HISTORY_FILE), 'utf8')) as unknown);

describe('HistoryStore', () => {
  it('starts empty, without warnings, when there is no file', async () => {
    const store = await HistoryStore.open(dir, { now });
    expect(store.query('1h')).toEqual({ range: '1h', points: [], markers: [] });
    expect(store.warnings).toEqual([]);
    await store.close();
    expect(existsSync(join(dir, HISTORY_FILE))).toBe(false);
  });

  it('keeps points and markers across a restart', async () => {
    const store = await HistoryStore.open(dir, { now });
    for (let i = 0; i < 30; i += 1) store.record(point(T0 - (30 - i) * 10_000, 10 + i));
    store.mark({ t: T0 - 60_000, kind: 'leaf-certificate', count: 1 });
    const before = store.query('1h');
    await store.close();

    const reopened = await HistoryStore.open(dir, { now });
    expect(reopened.query('1h')).toEqual(before);
    expect(before.points).toHaveLength(30);
    expect(before.markers).toEqual([{ t: T0 - 60_000, kind: 'leaf-certificate', count: 1 }]);
    await reopened.close();
  });

  it('applies retention and downsampling to what it loads, as of the new start', async () => {
    const store = await HistoryStore.open(dir, { now });
    for (let t = T0 - 2 * DAY; t <= T0; t += MIN) store.record(point(t, 12));
    store.record(point(T0 - DAY - 30 * MIN, 412));
    await store.close();

    clock = T0 + 6 * DAY; // everything but the last day is now past retention
    const later = await HistoryStore.open(dir, { now });
    const week = later.query('7d').points;
    expect(week[0]!.t).toBeGreaterThanOrEqual(T0 - DAY);
    expect(week.some((p) => p.finWait1 === 412)).toBe(false);
    expect(week.every((p) => p.t % (10 * MIN) === 0)).toBe(true);
    await later.close();
  });

  it('writes atomically: one complete file and the next journal, no temp files left', async () => {
    const store = await HistoryStore.open(dir, { now });
    store.record(point(T0, 5));
    await store.flush();
    expect((await readdir(dir)).sort()).toEqual(['history-1.jsonl', HISTORY_FILE]);
    expect((await fileOnDisk()).points).toEqual([point(T0, 5)]);
    await store.close();
  });

  it('moves a corrupt file aside with a warning, keeps its bytes and starts afresh', async () => {
    const junk = Buffer.from([0x7b, 0x22, 0x70, 0x6f, 0x00, 0xff, 0xfe]);
    await writeFile(join(dir, HISTORY_FILE), junk);
    const store = await HistoryStore.open(dir, { now });
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toMatch(
      /^history\.json was unreadable \(.+\); kept it as history\.json\.corrupt-2025-08-09T12-00-00-000Z and started afresh$/,
    );
    expect(store.query('7d').points).toEqual([]);
    store.record(point(T0, 7));
    await store.close();
    const kept = join(dir, 'history.json.corrupt-2025-08-09T12-00-00-000Z');
    expect(Buffer.compare(await readFile(kept), junk)).toBe(0);
    expect((await fileOnDisk()).points).toEqual([point(T0, 7)]);
  });

  it('moves aside a JSON file that is not a history, naming the bad field', async () => {
    const file = {
      format: 'apsd-watch-history',
      version: 1,
      points: [[T0, -1, 0, 0, 0]],
      markers: [],
    };
    await writeFile(join(dir, HISTORY_FILE), JSON.stringify(file));
    const store = await HistoryStore.open(dir, { now });
    expect(store.warnings[0]).toMatch(/not an apsd-watch history file at points\.0\.1: /);
    await store.close();
  });

  it('appends each sample to the journal at once, and compacts it rarely', async () => {
    const store = await HistoryStore.open(dir, { now, compactAfterEntries: 5 });
    store.record(point(T0, 1));
    // Nothing waits for a timer: the sample is on disk before record returns.
    expect(await readFile(join(dir, 'history-0.jsonl'), 'utf8')).toBe(`[${T0},1,1,2,100]\n`);
    expect(existsSync(join(dir, HISTORY_FILE))).toBe(false);
    for (let i = 2; i <= 5; i += 1) store.record(point(T0 + i * 1000, i));
    // The fifth entry compacted the journal into history.json and started the next one.
    expect((await fileOnDisk()).points.map((p) => p.finWait1)).toEqual([1, 2, 3, 4, 5]);
    expect(existsSync(join(dir, 'history-0.jsonl'))).toBe(false);
    store.record(point(T0 + 6000, 6));
    expect(await readFile(join(dir, 'history-1.jsonl'), 'utf8')).toBe(`[${T0 + 6000},6,1,7,600]\n`);
    // Not closed (as after kill -9): a new process still sees all six.
    const reopened = await HistoryStore.open(dir, { now });
    expect(reopened.query('1h').points.map((p) => p.finWait1)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(reopened.warnings).toEqual([]);
    await reopened.close();
  });

  it('journals a marker flood as one line per minute and kind', async () => {
    const store = await HistoryStore.open(dir, { now });
    for (let i = 0; i < 10_000; i += 1)
      store.mark({ t: T0 - 90_000 + i * 6, kind: 'trust-failure', count: 1 });
    store.record(point(T0, 1));
    const journal = await readFile(join(dir, 'history-0.jsonl'), 'utf8');
    expect(journal.trim().split('\n')).toHaveLength(3); // two minutes of markers and the point
    expect(store.query('24h').markers.reduce((sum, m) => sum + m.count, 0)).toBe(10_000);
    const reopened = await HistoryStore.open(dir, { now });
    expect(reopened.query('24h').markers.reduce((sum, m) => sum + m.count, 0)).toBe(10_000);
    await Promise.all([store.close(), reopened.close()]);
  });

  it('drops a last line cut short by a kill, and cuts it off before appending', async () => {
    const store = await HistoryStore.open(dir, { now });
    store.record(point(T0, 1));
    await writeFile(join(dir, 'history-0.jsonl'), `[${T0},1,1,2,100]\n[${T0 + 1000},2,1`);
    const reopened = await HistoryStore.open(dir, { now });
    expect(reopened.warnings).toEqual([]);
    reopened.record(point(T0 + 2000, 3));
    const again = await HistoryStore.open(dir, { now });
    expect(again.query('1h').points.map((p) => p.finWait1)).toEqual([1, 3]);
    expect(again.warnings).toEqual([]);
    await Promise.all([store.close(), reopened.close(), again.close()]);
  });

  it("removes temp files a killed writer left, never a live writer's", async () => {
    const dead = join(dir, `${HISTORY_FILE}.999999999.abcd1234.tmp`);
    const live = join(dir, `${HISTORY_FILE}.${process.ppid}.abcd1234.tmp`);
    await writeFile(dead, 'half a file');
    await writeFile(live, 'being written');
    const store = await HistoryStore.open(dir, { now });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    await store.close();
  });

  it.runIf(canLockDirectories)(
    'turns a failed write into a warning and retries later',
    async () => {
      const warnings: string[] = [];
      const store = await HistoryStore.open(dir, { now, onWarning: (w) => warnings.push(w) });
      store.record(point(T0, 1));
      await lockDirectory(dir);
      await store.flush();
      await store.flush();
      await unlockDirectory(dir);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^history not compacted: could not write history\.json: .*; every sample is kept in its journal$/,
      );
      expect(store.saveProblem()).toBeNull();
      // The sample was in the journal all along; the next flush compacts it.
      await store.flush();
      expect(store.warnings).toEqual(warnings);
      await store.close();
      expect((await fileOnDisk()).points).toEqual([point(T0, 1)]);
    },
  );
  if (!canLockDirectories) console.info(lockSkipReason);

  it('rejects a malformed point in one line', async () => {
    const store = await HistoryStore.open(dir, { now });
    expect(() => store.record({ ...point(T0, 1), finWait1: Number.NaN })).toThrow(
      /^history: finWait1 must be a number >= 0, got NaN$/,
    );
    expect(store.query('1h').points).toEqual([]);
    await store.close();
  });
});
