import { describe, expect, it } from 'vitest';
import { describeRhythm } from '../../../shared/periodicity-text';
import { computePeriodicity } from './periodicity';

const MIN = 60_000;
const start = Date.parse('2025-08-09T00:00:00Z');

/** Deterministic uniform jitter in [-1, 1) (a Park-Miller generator), one value per call. */
function jitterSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return (state / 2147483647) * 2 - 1;
  };
}

describe('computePeriodicity', () => {
  it.each([1, 2, 3, 4, 5])(
    'finds a 90-minute rhythm through +-5 min of jitter (seed %d)',
    (seed) => {
      const jitter = jitterSource(seed);
      const times = Array.from({ length: 16 }, (_, i) => start + i * 90 * MIN + jitter() * 5 * MIN);
      const p = computePeriodicity(times);
      expect(p.count).toBe(16);
      expect(p.medianIntervalSeconds! / 60).toBeGreaterThan(87.5);
      expect(p.medianIntervalSeconds! / 60).toBeLessThan(92.5);
      expect(p.regularity).toBeGreaterThan(0.9);
      expect(p.firstSeen).toBe(new Date(Math.min(...times)).toISOString());
      expect(p.lastSeen).toBe(new Date(Math.max(...times)).toISOString());
      expect(describeRhythm(p)).toBe('every ~1 h 30 min');
    },
  );

  it('is exact on a perfectly regular, unsorted series', () => {
    const times = [3, 0, 2, 1].map((i) => start + i * 15 * MIN);
    expect(computePeriodicity(times)).toEqual({
      count: 4,
      medianIntervalSeconds: 900,
      regularity: 1,
      firstSeen: '2025-08-09T00:00:00.000Z',
      lastSeen: '2025-08-09T00:45:00.000Z',
    });
  });

  it('calls scattered gaps irregular and names their median', () => {
    const gaps = [5, 120, 41, 3, 200, 41, 15, 90];
    const times = gaps.reduce((acc, g) => [...acc, acc.at(-1)! + g * MIN], [start]);
    const p = computePeriodicity(times);
    expect(p.medianIntervalSeconds).toBe(41 * 60);
    expect(p.regularity).toBeLessThan(0.6);
    expect(describeRhythm(p)).toBe('irregular, median gap 41 min');
  });

  it('counts the lines of one burst once for the gaps', () => {
    const burst = (t: number) => [t, t + 200, t + 400, t + 900, t + 1500];
    const p = computePeriodicity([
      ...burst(start),
      ...burst(start + 90 * MIN),
      ...burst(start + 180 * MIN),
    ]);
    expect(p.count).toBe(15);
    expect(p.medianIntervalSeconds).toBe(90 * 60);
    expect(describeRhythm(p)).toBe('every ~1 h 30 min');
  });

  it('handles none, one and two occurrences', () => {
    expect(computePeriodicity([])).toEqual({
      count: 0,
      medianIntervalSeconds: null,
      regularity: null,
      firstSeen: null,
      lastSeen: null,
    });
    expect(describeRhythm(computePeriodicity([]))).toBe('not seen');
    expect(describeRhythm(computePeriodicity([start]))).toBe('once');
    expect(describeRhythm(computePeriodicity([start, start + 10]))).toBe('within a minute');
    expect(describeRhythm(computePeriodicity([start, start + 90 * MIN]))).toBe('1 h 30 min apart');
  });
});
