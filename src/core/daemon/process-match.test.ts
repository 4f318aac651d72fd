import { describe, expect, it } from 'vitest';
import type { ProcessRow } from './process-list';
import { pickDaemon, usageOf } from './process-match';

function row(pid: number, name: string, started = '2025-08-09T10:00:00', state = 'S'): ProcessRow {
  return { pid, name, cpu: 0.25, memRss: 9000, started: new Date(started), state };
}

describe('pickDaemon', () => {
  it('matches the exact name only', () => {
    const rows = [row(10, 'apsd-watch'), row(11, 'fake-apsd'), row(12, 'apsd')];
    expect(pickDaemon(rows, 'apsd', null)?.pid).toBe(12);
    expect(pickDaemon(rows.slice(0, 2), 'apsd', null)).toBeNull();
  });

  it('ignores a zombie: it has exited', () => {
    expect(pickDaemon([row(12, 'apsd', undefined, 'Z')], 'apsd', null)).toBeNull();
    expect(pickDaemon([row(12, 'apsd', undefined, 'Z+')], 'apsd', null)).toBeNull();
    expect(pickDaemon([row(12, 'apsd', undefined, 'Ss')], 'apsd', null)?.pid).toBe(12);
  });

  it('keeps the process seen last time, else takes the longest-running one', () => {
    const rows = [row(30, 'apsd', '2025-08-09T11:00:00'), row(20, 'apsd', '2025-08-09T09:00:00')];
    expect(pickDaemon(rows, 'apsd', null)?.pid).toBe(20);
    expect(pickDaemon(rows, 'apsd', 30)?.pid).toBe(30);
    expect(pickDaemon(rows, 'apsd', 99)?.pid).toBe(20);
  });
});

describe('usageOf', () => {
  it('turns KiB into bytes and keeps one decimal of CPU', () => {
    expect(usageOf(row(1, 'apsd'))).toEqual({ cpuPercent: 0.3, memoryBytes: 9000 * 1024 });
    expect(usageOf({ ...row(1, 'apsd'), cpu: Number.NaN, memRss: 0 })).toEqual({
      cpuPercent: null,
      memoryBytes: null,
    });
  });
});
