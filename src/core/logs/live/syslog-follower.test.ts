import {
  appendFileSync,
  closeSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '../../../shared/snapshot';
import type { LogSourceStatus } from './live-log-source';
import { rotationNumber, SyslogFollower, type SyslogFollowerOptions } from './syslog-follower';
import { syslogStamp } from '../../../../test/support/syslog-stamp';

let dir: string;
let log: string;
const followers: SyslogFollower[] = [];

/** A syslog line dated `minutesAgo` before now, as syslogd writes it. */
function line(minutesAgo: number, message: string, proc = 'apsd[106]'): string {
  const d = new Date(Date.now() - minutesAgo * 60_000);
  d.setMilliseconds(0);
  return `${syslogStamp(d)} mac.local ${proc}: ${message}`;
}

/** A follower that only polls when told to, recording everything it emits. */
function follow(options: SyslogFollowerOptions = {}) {
  const follower = new SyslogFollower(log, { pollIntervalMs: 3_600_000, ...options });
  followers.push(follower);
  const seen = {
    lines: [] as string[],
    events: [] as LogEvent[],
    statuses: [] as LogSourceStatus[],
    warnings: [] as string[],
  };
  follower.on('lines', (lines) => seen.lines.push(...lines));
  follower.on('events', (events) => seen.events.push(...events));
  follower.on('status', (status) => seen.statuses.push(status));
  follower.on('warning', (warning) => seen.warnings.push(warning));
  return { follower, seen };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apsd-follow-'));
  log = join(dir, 'system.log');
});
afterEach(async () => {
  await Promise.all(followers.splice(0).map((f) => f.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('SyslogFollower', () => {
  it('emits only complete lines, holding a partial last line until its newline', async () => {
    writeFileSync(log, 'one\ntw');
    const { follower, seen } = follow();
    await follower.start();
    expect(seen.lines).toEqual(['one']);
    appendFileSync(log, 'o\nthr');
    await follower.poll();
    appendFileSync(log, 'ee\n');
    await follower.poll();
    expect(seen.lines).toEqual(['one', 'two', 'three']);
    expect(follower.status).toMatchObject({ state: 'running', linesRead: 3, detail: null });
  });

  it('finishes the old file before reading the new one after a rename rotation', async () => {
    writeFileSync(log, 'a1\na2\n');
    const { follower, seen } = follow();
    await follower.start();
    const writer = openSync(log, 'a');
    writeSync(writer, 'a3\n');
    renameSync(log, `${log}.0`);
    await follower.poll(); // renamed away, no new file yet: the old file is still followed
    writeSync(writer, 'a4\na5-without-newline');
    closeSync(writer);
    writeFileSync(log, 'b1\nb2\n');
    await follower.poll();
    appendFileSync(log, 'b3\n');
    await follower.poll();
    expect(seen.lines).toEqual(['a1', 'a2', 'a3', 'a4', 'a5-without-newline', 'b1', 'b2', 'b3']);
  });

  it('reads a truncated file again from the start', async () => {
    writeFileSync(log, 'first line\nsecond line\n');
    const { follower, seen } = follow();
    await follower.start();
    truncateSync(log, 0);
    appendFileSync(log, 'third\n');
    await follower.poll();
    await follower.poll();
    expect(seen.lines).toEqual(['first line', 'second line', 'third']);
    expect(seen.warnings).toEqual([
      `${log}: the file was truncated; reading it again from the start`,
    ]);
  });

  it('reports a missing file as unavailable and picks it up when it appears', async () => {
    const { follower, seen } = follow();
    await follower.start();
    expect(follower.status).toMatchObject({
      state: 'unavailable',
      detail: `${log}: no such file; checking again every 3600 s`,
    });
    writeFileSync(log, `${line(1, 'Unrecognized leaf certificate')}\n`);
    await follower.poll();
    await follower.poll();
    expect(seen.statuses.map((s) => s.state)).toEqual(['unavailable', 'running']);
    expect(seen.events.map((e) => e.kind)).toEqual(['leaf-certificate']);
  });

  it('turns lines into events, keeping continuation lines with their message', async () => {
    writeFileSync(log, `${line(3, 'Unrecognized leaf certificate')}\n`);
    const { follower, seen } = follow();
    await follower.start();
    // The back-fill is history: its last message is complete once it has been read.
    expect(seen.events.map((e) => e.message)).toEqual(['Unrecognized leaf certificate']);
    appendFileSync(log, `${line(2, 'Stream error occurred for <private>:')}\n`);
    await follower.poll();
    expect(seen.events).toHaveLength(1); // a live message's continuation may still come
    appendFileSync(
      log,
      `\tThe network connection was lost.\n${line(1, 'ignored', 'configd[17]')}\n`,
    );
    await follower.poll();
    expect(seen.events.slice(1).map((e) => [e.kind, e.message])).toEqual([
      ['connection', 'Stream error occurred for <private>:\n\tThe network connection was lost.'],
    ]);
  });

  it('emits a message still open when stopped', async () => {
    writeFileSync(log, '');
    const { follower, seen } = follow();
    await follower.start();
    appendFileSync(log, `${line(1, 'Untrusted peer, closing connection immediately')}\n`);
    await follower.poll();
    expect(seen.events).toEqual([]);
    await follower.stop();
    expect(seen.events.map((e) => e.kind)).toEqual(['trust-failure']);
  });

  it('back-fills rotated archives oldest first, then the current file, within the window', async () => {
    writeFileSync(
      `${log}.2.gz`,
      gzipSync(`${line(300, 'too old: Unrecognized leaf certificate')}\n`),
    );
    writeFileSync(`${log}.1`, `${line(200, 'Unrecognized leaf certificate')}\n`);
    writeFileSync(`${log}.0.gz`, gzipSync(`${line(100, 'Failed to evaluate trust')}\n`));
    writeFileSync(join(dir, 'system.log.old'), `${line(150, 'not an archive of system.log')}\n`);
    writeFileSync(log, `${line(50, 'APSCourier connected')}\n${line(10, 'Loaded topics')}\n`);
    const { follower, seen } = follow({
      backfill: { sinceMs: Date.now() - 250 * 60_000, archives: true },
    });
    await follower.start();
    await follower.poll();
    expect(seen.events.map((e) => e.message)).toEqual([
      'Unrecognized leaf certificate',
      'Failed to evaluate trust',
      'APSCourier connected',
      'Loaded topics',
    ]);
    expect(follower.status.linesRead).toBe(5);
  });

  it('starts at the end of the file without back-fill', async () => {
    writeFileSync(log, 'old\n');
    const { follower, seen } = follow({ backfill: false });
    await follower.start();
    appendFileSync(log, 'new\n');
    await follower.poll();
    expect(seen.lines).toEqual(['new']);
  });

  it('polls on its own timer and stops cleanly', async () => {
    writeFileSync(log, '');
    const follower = new SyslogFollower(log, { pollIntervalMs: 10 });
    followers.push(follower);
    await follower.start();
    const arrived = new Promise<string[]>((resolve) => follower.once('lines', resolve));
    appendFileSync(log, 'by the timer\n');
    expect(await arrived).toEqual(['by the timer']);
    await follower.stop();
    expect(follower.status.state).toBe('stopped');
    appendFileSync(log, 'after stop\n');
    await follower.poll();
    expect(follower.status.linesRead).toBe(1);
  });
});

describe('rotationNumber', () => {
  it('recognises only numbered siblings of the followed file', () => {
    expect(rotationNumber('system.log', 'system.log.3.gz')).toBe(3);
    expect(rotationNumber('system.log', 'system.log.0')).toBe(0);
    expect(rotationNumber('system.log', 'system.log.old')).toBeNull();
    expect(rotationNumber('system.log', 'system.log')).toBeNull();
    expect(rotationNumber('system.log', 'system.logs.1')).toBeNull();
  });
});
