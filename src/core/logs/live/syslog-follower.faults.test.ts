/**
 * The follower under what syslogd, newsyslog and people do to a live file, faster than it polls:
 * rotations (several between two polls), truncate-then-regrow past the old offset, delete and
 * recreate, while lines are appended. Every line written is read exactly once, in order; identical
 * lines really written twice count twice. Real files on a real file system, a seeded schedule.
 */
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  renameSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../test/support/seeded-random';
import { LogAggregator } from '../kinds/log-aggregator';
import { SyslogFollower } from './syslog-follower';

let dir: string;
let log: string;
let follower: SyslogFollower | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apsd-follow-faults-'));
  log = join(dir, 'system.log');
});
afterEach(async () => {
  await follower?.stop();
  follower = null;
  rmSync(dir, { recursive: true, force: true });
});

/** newsyslog's plain rotation: .N -> .N+1, the log -> .0, a new empty log. */
function rotate(): void {
  for (let n = 20; n >= 0; n--)
    if (existsSync(`${log}.${n}`)) renameSync(`${log}.${n}`, `${log}.${n + 1}`);
  if (existsSync(log)) renameSync(log, `${log}.0`);
  writeFileSync(log, '');
}

function start() {
  follower = new SyslogFollower(log, { pollIntervalMs: 3_600_000, backfill: false });
  const read: string[] = [];
  const warnings: string[] = [];
  follower.on('lines', (lines) => read.push(...lines));
  follower.on('warning', (w) => warnings.push(w));
  return { follower, read, warnings };
}

describe('SyslogFollower under rotation, truncation and deletion faster than its poll', () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`reads every line written exactly once, in order (schedule ${seed})`, async () => {
      const next = seededRandom(seed);
      writeFileSync(log, '');
      const { follower, read } = start();
      await follower.start();
      const written: string[] = [];
      let counter = 0;
      const faults = { rotations: 0, truncations: 0, recreations: 0, repeats: 0 };
      // What the follower may still be holding unread: a truncate or an unlink of the file at
      // the path would destroy lines for good, which no reader can recover, so those faults come
      // right after a poll (the follower has read everything) and regrow past the old offset.
      for (let round = 0; round < 40; round++) {
        const fault = next();
        if (fault < 0.15 && round > 0) {
          truncateSync(log, 0);
          faults.truncations++;
        } else if (fault < 0.25 && round > 0) {
          unlinkSync(log);
          writeFileSync(log, '');
          faults.recreations++;
        }
        const steps = 1 + Math.floor(next() * 6);
        for (let step = 0; step < steps; step++) {
          const lines = 1 + Math.floor(next() * 30);
          let text = '';
          for (let i = 0; i < lines; i++) {
            // One in five lines repeats the previous line exactly, as a chatty daemon does.
            const same = written.length > 0 && next() < 0.2;
            const line = same
              ? written.at(-1)!
              : `Jan  1 00:00:00 mac.local apsd[106]: line ${counter++} ${'x'.repeat(Math.floor(next() * 80))}`;
            if (same) faults.repeats++;
            written.push(line);
            text += `${line}\n`;
          }
          appendFileSync(log, text);
          // Several rotations between two polls.
          if (next() < 0.35) {
            rotate();
            faults.rotations++;
          }
        }
        await follower.poll();
      }
      await follower.poll();
      console.info(
        `schedule ${seed}: ${written.length} lines written, ${read.length} read; ${faults.rotations} rotations, ${faults.truncations} truncations, ${faults.recreations} delete-and-recreate, ${faults.repeats} identical repeats`,
      );
      expect(read.length).toBe(written.length);
      expect(read).toEqual(written);
    });
  }

  for (const [scheme, renamed] of [
    ['numbered upwards (.1, .2, ...)', (k: number) => `${log}.${k + 1}`],
    ['dated (-20261204-k)', (k: number) => `${log}-20261204-${k}`],
  ] as const)
    it(`reads files renamed ${scheme} and recreated five times within one poll, in order`, async () => {
      writeFileSync(log, '');
      const { follower, read, warnings } = start();
      await follower.start();
      const written: string[] = [];
      for (let k = 0; k < 5; k += 1) {
        // 25 lines into a fresh file, then it is renamed away and a new one started.
        const lines = Array.from({ length: 25 }, (_, i) => `rotation ${k} line ${i}`);
        appendFileSync(log, lines.map((l) => `${l}\n`).join(''));
        written.push(...lines);
        renameSync(log, renamed(k));
        writeFileSync(log, '');
      }
      const last = Array.from({ length: 25 }, (_, i) => `current line ${i}`);
      appendFileSync(log, last.map((l) => `${l}\n`).join(''));
      written.push(...last);
      await follower.poll();
      await follower.poll();
      expect(read).toEqual(written);
      expect(warnings).toEqual([]);
    });

  it('notices a truncate that regrows past the old offset within one poll', async () => {
    const old = Array.from({ length: 100 }, (_, i) => `old ${i}`);
    writeFileSync(log, old.map((l) => `${l}\n`).join(''));
    const { follower, read, warnings } = start();
    await follower.start();
    // start() with backfill false skips the existing lines; read them by following from here.
    truncateSync(log, 0);
    const fresh = Array.from({ length: 500 }, (_, i) => `new ${i}`);
    appendFileSync(log, fresh.map((l) => `${l}\n`).join(''));
    await follower.poll();
    expect(read).toEqual(fresh);
    expect(warnings).toEqual([`${log}: the file was truncated; reading it again from the start`]);
  });

  it('counts the same line appended once per poll every time (10 of 10), with the aggregator', async () => {
    writeFileSync(log, '');
    const { follower } = start();
    const aggregator = new LogAggregator();
    follower.on('events', (events) => aggregator.add(events, { overlapping: follower.overlaps }));
    await follower.start();
    for (let i = 0; i < 10; i++) {
      appendFileSync(log, 'Jan  1 00:00:00 mac.local apsd[106]: Failed to evaluate trust\n');
      await follower.poll();
    }
    await follower.stop();
    expect(aggregator.summary().byKind['trust-failure']).toBe(10);
  });
});
