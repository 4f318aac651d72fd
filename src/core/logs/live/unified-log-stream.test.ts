import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEvent } from '../../../shared/snapshot';
import type { LogSourceStatus } from './live-log-source';
import { isAlive } from '../../../../test/support/processes';
import { UnifiedLogStream, type UnifiedLogStreamOptions } from './unified-log-stream';

// The stand-in for macOS's `log` (no macOS here); it replays the documented ndjson format.
const FAKE_LOG = fileURLToPath(new URL('../../../../test/fixtures/bin/fake-log', import.meta.url));
const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../../test/fixtures/logs/${name}`, import.meta.url));

let dir: string;
let argsFile: string;
const streams: UnifiedLogStream[] = [];

function invocations(): { pid: number; argv: string[] }[] {
  try {
    return readFileSync(argsFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { pid: number; argv: string[] });
  } catch {
    return [];
  }
}

function stream(env: Record<string, string>, options: UnifiedLogStreamOptions = {}) {
  const s = new UnifiedLogStream({
    logBinary: FAKE_LOG,
    env: {
      ...process.env,
      FAKE_LOG_FIXTURE: fixture('unified-stream.ndjson'),
      FAKE_LOG_ARGS_FILE: argsFile,
      ...env,
    },
    ...options,
  });
  streams.push(s);
  const seen = {
    events: [] as LogEvent[],
    statuses: [] as LogSourceStatus[],
    warnings: [] as string[],
  };
  s.on('events', (events) => seen.events.push(...events));
  s.on('status', (status) => seen.statuses.push(status));
  s.on('warning', (warning) => seen.warnings.push(warning));
  return { s, seen };
}

/** Resolves when `check` holds after one of the stream's emissions. */
function until(s: UnifiedLogStream, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const test = () => {
      if (!check()) return;
      for (const name of ['events', 'status', 'warning'] as const) s.off(name, test);
      resolve();
    };
    for (const name of ['events', 'status', 'warning'] as const) s.on(name, test);
    test();
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'apsd-stream-'));
  argsFile = join(dir, 'invocations.ndjson');
});
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe('UnifiedLogStream', () => {
  it('streams apsd events from log stream, with the predicate as one argument', async () => {
    const { s, seen } = stream({ FAKE_LOG_HOLD: '1' });
    await s.start();
    await until(s, () => seen.events.length === 5);
    expect(seen.events.map((e) => e.kind)).toEqual([
      'leaf-certificate',
      'connection',
      'other',
      'trust-failure',
      'trust-failure',
    ]);
    expect(s.status).toMatchObject({ state: 'running', detail: null, restarts: 0, linesRead: 7 });
    expect(s.status.from).toBe(`${FAKE_LOG} stream --style ndjson --predicate 'process == "apsd"'`);
    expect(invocations().map((i) => i.argv)).toEqual([
      ['stream', '--style', 'ndjson', '--predicate', 'process == "apsd"'],
    ]);
    await s.stop();
    expect(s.status.state).toBe('stopped');
    expect(invocations().every((i) => !isAlive(i.pid))).toBe(true);
  });

  it('quotes several process names into one predicate', async () => {
    const { s, seen } = stream(
      { FAKE_LOG_HOLD: '1' },
      { processes: ['apsd', 'mDNSResponder', 'odd "name"'] },
    );
    await s.start();
    await until(s, () => seen.events.length === 6);
    expect(invocations()[0]?.argv[4]).toBe(
      'process == "apsd" OR process == "mDNSResponder" OR process == "odd \\"name\\""',
    );
  });

  it('restarts a dying log stream with doubling backoff, then reports it failed', async () => {
    writeFileSync(join(dir, 'none.ndjson'), '');
    const { s, seen } = stream(
      {
        FAKE_LOG_EXIT_CODE: '3',
        FAKE_LOG_STDERR: 'log: Cannot run while sandboxed',
        FAKE_LOG_SHOW_FIXTURE: join(dir, 'none.ndjson'),
      },
      { initialBackoffMs: 20, maxBackoffMs: 80, failedAfterRestarts: 3 },
    );
    await s.start();
    await until(s, () => s.status.restarts === 6);
    await s.stop();
    // On a loaded machine a seventh run may start before stop(): check the first six exactly.
    const restarts = seen.statuses.filter((st) => st.state !== 'running' && st.state !== 'stopped');
    expect(restarts.slice(0, 6).map((st) => [st.state, st.detail])).toEqual(
      [0.02, 0.04, 0.08, 0.08, 0.08, 0.08].map((seconds, i) => [
        i < 3 ? 'restarting' : 'failed',
        `log stream exited with code 3 (log: Cannot run while sandboxed); restart ${i + 1} in ${seconds} s`,
      ]),
    );
    // Each run replays the same five records; the aggregator, not the stream, drops repeats.
    const runs = invocations().filter((i) => i.argv[0] === 'stream').length;
    expect(runs).toBeGreaterThanOrEqual(6);
    expect(seen.events.length).toBeGreaterThanOrEqual(30);
    expect(seen.events.length).toBeLessThanOrEqual(5 * runs);
    expect(invocations().every((i) => !isAlive(i.pid))).toBe(true);
  });

  it('back-fills with log show at start and again over the gap after a restart', async () => {
    const { s, seen } = stream(
      { FAKE_LOG_EXIT_CODE: '1', FAKE_LOG_SHOW_FIXTURE: fixture('unified-show.ndjson') },
      { backfillSeconds: 3600, initialBackoffMs: 10, maxBackoffMs: 10 },
    );
    await s.start();
    await until(s, () => invocations().filter((i) => i.argv[0] === 'show').length >= 2);
    await s.stop();
    const shows = invocations().filter((i) => i.argv[0] === 'show');
    expect(shows[0]?.argv).toEqual([
      'show',
      '--style',
      'ndjson',
      '--last',
      '3600s',
      '--predicate',
      'process == "apsd"',
    ]);
    const gap = Number(/^(\d+)s$/.exec(shows[1]!.argv[4]!)?.[1]);
    expect(gap).toBeGreaterThanOrEqual(5);
    expect(gap).toBeLessThan(3600);
    // The show fixture's two earlier leaf-certificate lines came in through the back-fill.
    const times = new Set(seen.events.map((e) => e.time));
    expect(times.has('2025-08-09T11:11:54.000Z') && times.has('2025-08-09T12:41:56.250Z')).toBe(
      true,
    );
  });

  it('warns when the back-fill fails and keeps streaming', async () => {
    const { s, seen } = stream(
      { FAKE_LOG_HOLD: '1', FAKE_LOG_SHOW_EXIT_CODE: '2' },
      { backfillSeconds: 60 },
    );
    await s.start();
    expect(seen.warnings).toContain(
      `back-fill failed: ${FAKE_LOG} show --style ndjson --last 60s --predicate process == "apsd": exited with 2: log: Could not open the log archive`,
    );
    expect(s.status.state).toBe('running');
  });

  it('reports a missing log binary as unavailable, not as a crash', async () => {
    const { s } = stream({}, { logBinary: join(dir, 'no-such-log') });
    await s.start();
    expect(s.status).toMatchObject({
      state: 'unavailable',
      detail: `${join(dir, 'no-such-log')}: command not found; checking again every 60 s`,
      restarts: 0,
    });
  });

  it('keeps looking for a missing log binary and starts once it appears', async () => {
    const later = join(dir, 'log-installed-later');
    const { s, seen } = stream(
      { FAKE_LOG_HOLD: '1' },
      { logBinary: later, unavailableRetryMs: 20 },
    );
    await s.start();
    expect(s.status.state).toBe('unavailable');
    symlinkSync(FAKE_LOG, later);
    await until(s, () => seen.events.length === 5);
    expect(seen.statuses.map((st) => st.state)).toEqual(['unavailable', 'running']);
  });

  it('kills a child that ignores SIGTERM when stopped, leaving no process behind', async () => {
    const { s, seen } = stream(
      { FAKE_LOG_HOLD: '1', FAKE_LOG_IGNORE_TERM: '1' },
      { killGraceMs: 100 },
    );
    await s.start();
    await until(s, () => seen.events.length === 5);
    const [child] = invocations();
    expect(isAlive(child!.pid)).toBe(true);
    await s.stop();
    expect(isAlive(child!.pid)).toBe(false);
  });

  it('skips unreadable output with one warning', async () => {
    const garbled = join(dir, 'garbled.ndjson');
    const records = readFileSync(fixture('unified-stream.ndjson'), 'utf8').split('\n');
    writeFileSync(
      garbled,
      [records[1], '{"eventMessage": broken', '{not json either', records[5]].join('\n'),
    );
    const { s, seen } = stream({ FAKE_LOG_HOLD: '1', FAKE_LOG_FIXTURE: garbled });
    await s.start();
    await until(s, () => seen.events.length === 2);
    expect(seen.warnings).toEqual([
      'log stream: unreadable output skipped: {"eventMessage": broken',
    ]);
  });
});
