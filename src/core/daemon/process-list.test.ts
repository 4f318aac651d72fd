import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOsRelease, parseSwVers } from './host-info';
import { listProcesses, parsePsOutput, psArguments } from './process-list';

const canRun = process.platform === 'linux' || process.platform === 'darwin';

describe('parsePsOutput', () => {
  it('reads macOS rows whose executable path has spaces, and counts what it cannot read', () => {
    // The column layout `ps -o pid=,state=,pcpu=,rss=,lstart=,comm=` prints (written from ps(1));
    // the live test below reads the real thing on whatever machine runs it.
    const text = [
      '  106 Ss    0.0  9216 Tue May 25 00:40:01 2014 /System/Library/PrivateFrameworks/ApplePushService.framework/apsd',
      '22712 S     1.5 80000 Mon Nov  3 09:05:11 2025 /Applications/Autodesk Fusion.app/Contents/MacOS/Autodesk Fusion',
      'garbage that is not a process',
      '',
    ].join('\n');
    const { rows, unread } = parsePsOutput(text, 'darwin');
    expect(unread).toBe(1);
    expect(rows.map((r) => [r.pid, r.name, r.state, r.cpu, r.memRss])).toEqual([
      [106, 'apsd', 'Ss', 0, 9216],
      [22712, 'Autodesk Fusion', 'S', 1.5, 80000],
    ]);
    expect(rows[0]!.started).toEqual(new Date(2014, 4, 25, 0, 40, 1));
    expect(rows[1]!.started).toEqual(new Date(2025, 10, 3, 9, 5, 11));
  });

  it('takes the name from argv[0] on Linux, so names longer than the kernel comm field still match', () => {
    const line =
      ' 4242 S  0.0  1234 Tue Dec  1 20:27:43 2026 /tmp/x/fake-apsd-daemon /tmp/x/sleep.mjs';
    expect(parsePsOutput(line, 'linux').rows[0]?.name).toBe('fake-apsd-daemon');
  });

  it('never throws on junk, and counts every non-empty line it could not read', () => {
    const junk = [
      '\u0000\u0001binary',
      'x'.repeat(100_000),
      '  12 S abc 5 Tue Dec  1 20:27:43 2026 a',
    ];
    expect(parsePsOutput(junk.join('\n'), 'linux')).toEqual({ rows: [], unread: 3 });
  });
});

describe.runIf(canRun)('listProcesses (the real ps)', () => {
  it('lists this very process with its start time and name', async () => {
    const list = await listProcesses(process.platform, 10_000);
    expect(list.command).toBe(['ps', ...psArguments(process.platform)].join(' '));
    expect(list.unread).toBe(0);
    const self = list.rows.find((r) => r.pid === process.pid);
    expect(self?.name).toMatch(/^node/);
    const startedAgo = Date.now() - self!.started!.getTime();
    expect(startedAgo).toBeGreaterThanOrEqual(-1000);
    expect(startedAgo).toBeLessThan(process.uptime() * 1000 + 2000);
    // As many rows as a plain `ps -ax` lists, give or take processes that came and went.
    const plain = execFileSync('ps', ['-ax', '-o', 'pid='], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(Math.abs(list.rows.length - plain.length)).toBeLessThanOrEqual(5);
  });
});
if (!canRun) console.info('skipped: the live ps test needs Linux or macOS');

describe('host info parsers', () => {
  it("reads sw_vers's output, spaces (10.10) or tabs (11 and later)", () => {
    // Shapes as other projects record them, e.g. fizzed/jne's MacSwVersTest (10.10.5, 14F27).
    expect(
      parseSwVers('ProductName:    Mac OS X\nProductVersion: 10.10.5\nBuildVersion:   14F27'),
    ).toEqual({
      osName: 'Mac OS X',
      osVersion: '10.10.5',
    });
    expect(
      parseSwVers('ProductName:\t\tmacOS\nProductVersion:\t\t26.1\nBuildVersion:\t\t25B78\n'),
    ).toEqual({
      osName: 'macOS',
      osVersion: '26.1',
    });
    expect(parseSwVers('nothing useful')).toEqual({ osName: null, osVersion: null });
  });

  it.runIf(process.platform === 'linux')("reads this machine's /etc/os-release", () => {
    const text = readFileSync('/etc/os-release', 'utf8');
    const name = /^NAME="?([^"\n]*)"?$/m.exec(text)?.[1] ?? null;
    expect(parseOsRelease(text).osName).toBe(name);
    expect(parseOsRelease("NAME='Alpine Linux'\nVERSION_ID=3.20.1\n")).toEqual({
      osName: 'Alpine Linux',
      osVersion: '3.20.1',
    });
  });
});
