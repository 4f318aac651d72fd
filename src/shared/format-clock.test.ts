import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClock,
  formatClockSeconds,
  formatCount,
  formatDate,
  formatDuration,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [12.9, '12 s'],
    [59, '59 s'],
    [60, '1 min'],
    [47 * 60 + 30, '47 min'],
    [3 * 3600, '3 h'],
    [3 * 3600 + 12 * 60 + 59, '3 h 12 min'],
    [2 * 86400 + 4 * 3600 + 59 * 60, '2 d 4 h'],
    [86400, '1 d'],
  ])('%s s -> %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('says unknown for a negative or non-finite duration instead of printing NaN', () => {
    expect(formatDuration(-5)).toBe('unknown');
    expect(formatDuration(Number.NaN)).toBe('unknown');
  });
});

describe('formatBytes (base 1000)', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1 KB'],
    [58_400, '58 KB'],
    [1_234_567, '1.2 MB'],
    [999_999, '1 MB'],
    [12_345_678_901, '12 GB'],
  ])('%s -> %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect(formatCount(10_412)).toBe('10,412');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(1_000_000)).toBe('1,000,000');
  });
});

describe('formatClock', () => {
  const now = new Date(2025, 7, 9, 16, 30);

  it('prints local hours and minutes with leading zeros', () => {
    expect(formatClock(new Date(2025, 7, 9, 14, 2))).toBe('14:02');
    expect(formatClock(new Date(2025, 7, 9, 4, 5), now)).toBe('04:05');
  });

  it('names an earlier day so a backfilled time is not read as today', () => {
    expect(formatClock(new Date(2025, 7, 8, 23, 59), now)).toBe('yesterday 23:59');
    expect(formatClock(new Date(2025, 7, 3, 9, 0), now)).toBe('3 Aug 09:00');
  });
});

describe('formatClock, one rule for every face', () => {
  const now = new Date(2025, 7, 9, 16, 30);

  it('takes the snapshot ISO strings as they come and names another year', () => {
    expect(formatClock(new Date(2025, 7, 3, 9, 0).toISOString(), now.toISOString())).toBe(
      '3 Aug 09:00',
    );
    expect(formatClock(new Date(2024, 11, 31, 23, 5), now)).toBe('31 Dec 2024 23:05');
    expect(formatClock('not a time', now)).toBe('an unknown time');
  });

  it('prints seconds for "updated at" and the day for certificate validity', () => {
    expect(formatClockSeconds(new Date(2025, 7, 9, 14, 2, 9))).toBe('14:02:09');
    expect(formatDate(new Date(2025, 8, 1, 12, 0))).toBe('1 Sep 2025');
  });
});
