import { describe, expect, it } from 'vitest';
import type { Periodicity } from '../../shared/snapshot';
import {
  formatAge,
  formatAgo,
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatInterval,
  formatWhen,
} from './format';
import { describePeriodicity } from './log-kinds';

const local = (h: number, m: number, day = 12) => new Date(2026, 2, day, h, m, 0);

describe('formatters', () => {
  it('counts with separators', () => {
    expect(formatCount(10412)).toBe('10,412');
    expect(formatCount(0)).toBe('0');
  });

  it('sizes in decimal units', () => {
    expect(formatBytes(812)).toBe('812 B');
    expect(formatBytes(1200)).toBe('1.2 KB');
    expect(formatBytes(58_000)).toBe('58 KB');
    expect(formatBytes(1_200_000)).toBe('1.2 MB');
    expect(formatBytes(3_400_000_000_000_000)).toBe('3400 TB');
  });

  it('durations with at most two units', () => {
    expect(formatDuration(12)).toBe('12 s');
    expect(formatDuration(47 * 60 + 5)).toBe('47 min');
    expect(formatDuration(3 * 3600 + 12 * 60)).toBe('3 h 12 min');
    expect(formatDuration(7200)).toBe('2 h');
    expect(formatDuration(2 * 86400 + 4 * 3600 + 59)).toBe('2 d 4 h');
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatAge(3 * 3600 + 12 * 60)).toBe('3h 12m');
    expect(formatAge(47 * 60)).toBe('47m');
  });

  it('clock times, with the date only when it is not today', () => {
    expect(formatClock(local(9, 5))).toBe('09:05');
    expect(formatWhen(local(9, 12), local(23, 0))).toBe('09:12');
    expect(formatWhen(local(9, 12, 11), local(1, 0))).toBe('Mar 11, 09:12');
    expect(formatAgo(local(9, 0), local(9, 12))).toBe('12 min ago');
    expect(formatAgo(local(9, 0), local(9, 0))).toBe('just now');
  });

  it('intervals rounded as people say them', () => {
    expect(formatInterval(40)).toBe('~40 s');
    expect(formatInterval(12 * 60 + 20)).toBe('~12 min');
    expect(formatInterval(89 * 60)).toBe('~90 min');
    expect(formatInterval(5 * 3600)).toBe('~5 h');
    expect(formatInterval(3 * 86400)).toBe('~3 d');
  });
});

describe('describePeriodicity', () => {
  const base: Periodicity = {
    count: 16,
    medianIntervalSeconds: 5400,
    regularity: 0.9,
    firstSeen: local(9, 12).toISOString(),
    lastSeen: local(20, 0).toISOString(),
  };
  const now = local(21, 0).getTime();

  it('reads a regular message as "every ~N since"', () => {
    expect(describePeriodicity(base, now)).toBe('every ~90 min since 09:12');
  });
  it('says when the gaps are irregular', () => {
    expect(
      describePeriodicity({ ...base, regularity: 0.2, medianIntervalSeconds: 2280 }, now),
    ).toBe('irregular, median gap ~40 min, since 09:12');
  });
  it('handles one and none', () => {
    expect(describePeriodicity({ ...base, count: 1, medianIntervalSeconds: null }, now)).toBe(
      'once, at 09:12',
    );
    expect(describePeriodicity({ ...base, count: 0, firstSeen: null }, now)).toBe('not seen');
  });
});
