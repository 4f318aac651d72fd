import { describe, expect, it } from 'vitest';
import type { HistoryMarker, HistoryPoint, LogKind } from '../../shared/snapshot';
import {
  MAX_MARKERS,
  MAX_POINTS,
  RETENTION_MS,
  compactMarkers,
  compactPoints,
  viewRange,
} from './downsample';
import { encodeHistory } from './history-file';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** A round "now" so bucket edges are easy to reason about. */
const NOW = Date.UTC(2025, 7, 9, 12, 0, 0);

/** One calm point every `stepMs` from `NOW - spanMs` to NOW, established = 1. */
function series(spanMs: number, stepMs: number): HistoryPoint[] {
  const points: HistoryPoint[] = [];
  for (let t = NOW - spanMs; t <= NOW; t += stepMs)
    points.push({ t, finWait1: 12, established: 1, total: 13, sendQueueBytes: 0 });
  return points;
}

function gaps(points: HistoryPoint[]): Set<number> {
  return new Set(points.slice(1).map((p, i) => p.t - points[i]!.t));
}

describe('compactPoints', () => {
  it('keeps raw points for an hour, minutes to 24 h, 10 minutes to 7 days, nothing older', () => {
    const compacted = compactPoints(series(8 * DAY, 10_000), NOW);
    const lastHour = compacted.filter((p) => p.t >= NOW - HOUR);
    const day = compacted.filter((p) => p.t < NOW - HOUR - MIN && p.t >= NOW - DAY);
    const week = compacted.filter((p) => p.t < NOW - DAY - 10 * MIN);
    expect(gaps(lastHour)).toEqual(new Set([10_000]));
    expect(gaps(day)).toEqual(new Set([MIN]));
    expect(gaps(week)).toEqual(new Set([10 * MIN]));
    expect(compacted[0]!.t).toBeGreaterThanOrEqual(NOW - RETENTION_MS);
    expect(lastHour).toHaveLength(361);
    expect(compacted.length).toBeLessThanOrEqual(361 + 23 * 60 + 1 + 6 * 144 + 1);
    // Strictly increasing times, even across the tier edges.
    expect(compacted.every((p, i) => i === 0 || p.t > compacted[i - 1]!.t)).toBe(true);
  });

  it('lets a one-sample spike survive into the 10-minute tier, with the last established', () => {
    const points = series(3 * DAY, 10_000);
    const spikeAt = NOW - 3 * DAY + 7 * MIN + 20_000;
    const index = points.findIndex((p) => p.t === spikeAt);
    points[index] = {
      t: spikeAt,
      finWait1: 412,
      established: 0,
      total: 413,
      sendQueueBytes: 58_000,
    };
    points[index + 1] = { ...points[index + 1]!, established: 2 };
    const bucketStart = NOW - 3 * DAY; // 10-minute aligned
    const lastInBucket = points.findIndex((p) => p.t === bucketStart + 10 * MIN - 10_000);
    points[lastInBucket] = { ...points[lastInBucket]!, established: 3 };

    const bucket = compactPoints(points, NOW).find((p) => p.t === bucketStart);
    expect(bucket).toEqual({
      t: bucketStart,
      finWait1: 412,
      established: 3,
      total: 413,
      sendQueueBytes: 58_000,
    });
  });

  it('is idempotent and does not modify its input', () => {
    const input = series(2 * DAY, 15_000);
    const before = JSON.stringify(input);
    const once = compactPoints(input, NOW);
    expect(compactPoints(once, NOW)).toEqual(once);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('merges samples taken faster than once a second', () => {
    const points = [0, 200, 900, 1000].map((offset, i) => ({
      t: NOW - 5000 + offset,
      finWait1: [5, 9, 7, 1][i]!,
      established: i,
      total: 10,
      sendQueueBytes: 0,
    }));
    expect(compactPoints(points, NOW).map((p) => [p.t, p.finWait1, p.established])).toEqual([
      [NOW - 5000, 9, 2],
      [NOW - 4000, 1, 3],
    ]);
  });
});

describe('worst case', () => {
  it('stays within the stated bounds with a sample every second and every kind of marker', () => {
    const points = compactPoints(series(8 * DAY, 1000), NOW);
    const kinds: HistoryMarker['kind'][] = [
      'leaf-certificate',
      'trust-failure',
      'connection',
      'other',
      'spike',
    ];
    const markers: HistoryMarker[] = [];
    for (let t = NOW - 8 * DAY; t <= NOW; t += 10_000)
      for (const kind of kinds) markers.push({ t, kind, count: 100_000 });
    const compactedMarkers = compactMarkers(markers, NOW);
    expect(points.length).toBeLessThanOrEqual(MAX_POINTS + 2);
    expect(compactedMarkers.length).toBeLessThanOrEqual(MAX_MARKERS + 2 * kinds.length);
    const bigPoints = points.map((p) => ({
      ...p,
      finWait1: 100_000,
      total: 100_000,
      sendQueueBytes: 999_999_999,
    }));
    const bytes = Buffer.byteLength(
      encodeHistory({ points: bigPoints, markers: compactedMarkers }),
    );
    expect(bytes).toBeLessThan(1_000_000);
  });
});

describe('compactMarkers', () => {
  it('adds up log-line counts per kind and minute, keeps the largest spike, drops the old', () => {
    const kind: LogKind = 'leaf-certificate';
    const markers: HistoryMarker[] = [
      { t: NOW - 8 * DAY, kind, count: 1 },
      { t: NOW - 10 * MIN + 5_000, kind, count: 2 },
      { t: NOW - 10 * MIN + 40_000, kind, count: 3 },
      { t: NOW - 10 * MIN + 41_000, kind: 'trust-failure', count: 1 },
      { t: NOW - 10 * MIN + 42_000, kind: 'spike', count: 300 },
      { t: NOW - 10 * MIN + 50_000, kind: 'spike', count: 412 },
    ];
    expect(compactMarkers(markers, NOW)).toEqual([
      { t: NOW - 10 * MIN, kind, count: 5 },
      { t: NOW - 10 * MIN, kind: 'trust-failure', count: 1 },
      { t: NOW - 10 * MIN, kind: 'spike', count: 412 },
    ]);
  });
});

describe('viewRange', () => {
  const points = compactPoints(series(7 * DAY, 10_000), NOW);

  it('gives each range one resolution', () => {
    const hour = viewRange(points, [], '1h', NOW).points;
    const day = viewRange(points, [], '24h', NOW).points;
    const week = viewRange(points, [], '7d', NOW).points;
    expect(gaps(hour)).toEqual(new Set([10_000]));
    expect(hour[0]!.t).toBe(NOW - HOUR);
    expect(gaps(day)).toEqual(new Set([MIN]));
    expect(day).toHaveLength(24 * 60 + 1);
    expect(gaps(week)).toEqual(new Set([10 * MIN]));
    expect(week).toHaveLength(7 * 144 + 1);
  });

  it('filters markers to the range', () => {
    const markers: HistoryMarker[] = [
      { t: NOW - 2 * HOUR, kind: 'other', count: 1 },
      { t: NOW - 5 * MIN, kind: 'other', count: 1 },
    ];
    expect(viewRange(points, markers, '1h', NOW).markers).toEqual([markers[1]]);
    expect(viewRange(points, markers, '24h', NOW).markers).toHaveLength(2);
  });
});
