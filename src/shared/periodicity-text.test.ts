import { describe, expect, it } from 'vitest';
import { REGULAR_FROM, describeRhythm, describeSeen, isRegular } from './periodicity-text';
import type { Periodicity } from './snapshot';

const local = (h: number, m: number, day = 12) => new Date(2026, 2, day, h, m, 0);
const base: Periodicity = {
  count: 16,
  medianIntervalSeconds: 89 * 60,
  regularity: 0.9,
  firstSeen: local(9, 12).toISOString(),
  lastSeen: local(20, 0).toISOString(),
};
const now = local(21, 0).toISOString();

describe('describeRhythm', () => {
  it('rounds a steady gap to a figure people say', () => {
    expect(describeRhythm(base)).toBe('every ~1 h 30 min');
    expect(describeRhythm({ ...base, medianIntervalSeconds: 12 * 60 + 20 })).toBe('every ~12 min');
    expect(describeRhythm({ ...base, medianIntervalSeconds: 40 })).toBe('every ~40 s');
    expect(describeRhythm({ ...base, medianIntervalSeconds: 5 * 3600 + 600 })).toBe('every ~5 h');
  });

  it('has one threshold: just below it is irregular, at it regular', () => {
    const below = { ...base, regularity: REGULAR_FROM - 0.05 };
    expect(isRegular(below)).toBe(false);
    expect(describeRhythm(below)).toBe('irregular, median gap 1 h 29 min');
    expect(isRegular({ ...base, regularity: REGULAR_FROM })).toBe(true);
    expect(describeRhythm({ ...base, regularity: REGULAR_FROM })).toBe('every ~1 h 30 min');
  });

  it('says what too few gaps can and cannot tell', () => {
    expect(describeRhythm({ ...base, count: 0 })).toBe('not seen');
    expect(describeRhythm({ ...base, count: 1, medianIntervalSeconds: null })).toBe('once');
    expect(describeRhythm({ ...base, count: 3, medianIntervalSeconds: null })).toBe(
      'within a minute',
    );
    expect(describeRhythm({ ...base, count: 2, regularity: null })).toBe('1 h 29 min apart');
    expect(describeRhythm({ ...base, count: 7, regularity: null })).toBe(
      'in 2 bursts, 1 h 29 min apart',
    );
  });
});

describe('describeSeen', () => {
  it('adds the first and last time by the one clock rule', () => {
    expect(describeSeen(base, now)).toBe('every ~1 h 30 min, first 09:12, last 20:00');
    expect(describeSeen({ ...base, firstSeen: local(9, 12, 11).toISOString() }, now)).toBe(
      'every ~1 h 30 min, first yesterday 09:12, last 20:00',
    );
    expect(describeSeen({ ...base, count: 1, medianIntervalSeconds: null }, now)).toBe(
      'once, at 09:12',
    );
    expect(describeSeen({ ...base, count: 5, medianIntervalSeconds: null }, now)).toBe(
      'within a minute, at 09:12',
    );
    expect(describeSeen({ ...base, count: 0, firstSeen: null }, now)).toBe('not seen');
  });
});
