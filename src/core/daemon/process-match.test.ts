import { describe, expect, it } from 'vitest';
import { parseStarted, pickDaemon, usageOf, type ProcessRow } from './process-match';

function row(
  pid: number,
  name: string,
  started = '2025-08-09 10:00:00',
  state = 'sleeping',
): ProcessRow {
  return { pid, name, cpu: 0.25, memRss: 9000, started, state };
}

describe('pickDaemon', () => {
  it('matches the exact name only', () => {
    const rows = [row(10, 'apsd-watch'), row(11, 'fake-apsd'), row(12, 'apsd')];
    expect(pickDaemon(rows, 'apsd', 'darwin', null)?.pid).toBe(12);
    expect(pickDaemon(rows.slice(0, 2), 'apsd', 'darwin', null)).toBeNull();
  });

  it('ignores a zombie: it has exited', () => {
    expect(pickDaemon([row(12, 'apsd', undefined, 'zombie')], 'apsd', 'darwin', null)).toBeNull();
  });

  it('keeps the process seen last time, else takes the longest-running one', () => {
    const rows = [row(30, 'apsd', '2025-08-09 11:00:00'), row(20, 'apsd', '2025-08-09 09:00:00')];
    expect(pickDaemon(rows, 'apsd', 'darwin', null)?.pid).toBe(20);
    expect(pickDaemon(rows, 'apsd', 'darwin', 30)?.pid).toBe(30);
    expect(pickDaemon(rows, 'apsd', 'darwin', 99)?.pid).toBe(20);
  });

  it('compares names without case or .exe on Windows', () => {
    expect(pickDaemon([row(5, 'Apsd.EXE')], 'apsd', 'win32', null)?.pid).toBe(5);
    expect(pickDaemon([row(5, 'Apsd.EXE')], 'apsd', 'linux', null)).toBeNull();
  });
});

describe('parseStarted', () => {
  it('reads the library format as local time and refuses anything else', () => {
    expect(parseStarted('2025-08-09 10:11:12')?.getTime()).toBe(
      new Date(2025, 7, 9, 10, 11, 12).getTime(),
    );
    expect(parseStarted('')).toBeNull();
    expect(parseStarted('yesterday')).toBeNull();
    expect(parseStarted('2025-13-45 99:99:99')).toBeNull();
  });
});

describe('usageOf', () => {
  it('turns KiB into bytes and rounds CPU to one decimal', () => {
    expect(usageOf(row(1, 'apsd'))).toEqual({ cpuPercent: 0.3, memoryBytes: 9000 * 1024 });
    expect(usageOf({ ...row(1, 'apsd'), cpu: Number.NaN, memRss: 0 })).toEqual({
      cpuPercent: null,
      memoryBytes: null,
    });
  });
});
