import { describe, expect, it } from 'vitest';
import type { Periodicity } from '../../shared/snapshot';
import { formatAge, formatClock, formatDate, formatInterval, formatWhen } from './format';
import { describePeriodicity } from './log-kinds';

const local = (h: number, m: number, day = 12) => new Date(2026, 2, day, h, m, 0);

describe('formatters', () => {
  it('narrow ages for the table, from the shared duration wording', () => {
    expect(formatAge(12)).toBe('12s');
    expect(formatAge(47 * 60 + 5)).toBe('47m');
    expect(formatAge(3 * 3600 + 12 * 60)).toBe('3h 12m');
    expect(formatAge(7200)).toBe('2h');
    expect(formatAge(2 * 86400 + 4 * 3600 + 59)).toBe('2d 4h');
  });

  it('clock times, with the date only when it is not today', () => {
    expect(formatClock(local(9, 5))).toBe('09:05');
    expect(formatWhen(local(9, 12), local(23, 0))).toBe('09:12');
    expect(formatWhen(local(9, 12, 11), local(1, 0))).toBe('Mar 11, 09:12');
    expect(formatDate(local(9, 12, 11))).toBe('Mar 11, 2026');
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
