import { describe, expect, it } from 'vitest';
import type { History, HistoryPoint } from '../../shared/snapshot';
import { describeHistory, markerTotals, toSeries } from './chart-data';
import { markerColumns } from './chart-markers';

const t0 = new Date(2026, 2, 12, 14, 0, 0).getTime();
function point(offsetSeconds: number, finWait1: number, established = 1): HistoryPoint {
  return {
    t: t0 + offsetSeconds * 1000,
    finWait1,
    established,
    total: finWait1 + 1,
    sendQueueBytes: 0,
  };
}

describe('toSeries', () => {
  it('keeps evenly spaced samples as they are', () => {
    const [times, fin, est] = toSeries([point(0, 1), point(10, 2), point(20, 3)]);
    expect(times).toEqual([t0, t0 + 10_000, t0 + 20_000]);
    expect(fin).toEqual([1, 2, 3]);
    expect(est).toEqual([1, 1, 1]);
  });

  it('breaks the line where the app was not sampling', () => {
    const [times, fin] = toSeries([point(0, 1), point(10, 2), point(20, 3), point(600, 9)]);
    expect(fin).toEqual([1, 2, 3, null, 9]);
    expect(times[3]).toBeGreaterThan(times[2]!);
    expect(times[3]).toBeLessThan(times[4]!);
  });
});

describe('markers and description', () => {
  const history: History = {
    range: '1h',
    points: [point(0, 12), point(60, 412), point(120, 30, 0)],
    markers: [
      { t: t0 + 60_000, kind: 'leaf-certificate', count: 2 },
      { t: t0 + 61_000, kind: 'trust-failure', count: 1 },
      { t: t0 + 62_000, kind: 'connection', count: 5 },
      { t: t0 + 60_000, kind: 'spike', count: 1 },
    ],
  };

  it('totals only the kinds the chart draws', () => {
    expect(markerTotals(history.markers)).toEqual({
      'trust-failure': 1,
      'leaf-certificate': 2,
      spike: 1,
    });
  });

  it('describes peak, latest and marks', () => {
    expect(describeHistory(history, t0 + 180_000)).toBe(
      'Last hour: FIN_WAIT_1 peaked at 412 at 14:01; latest 30 FIN_WAIT_1 and 0 ESTABLISHED at 14:02; marked: 1 trust failure, 2 certificate warnings, 1 spike.',
    );
  });

  it('says when there is nothing yet', () => {
    expect(describeHistory({ range: '7d', points: [], markers: [] }, t0)).toBe(
      'Last 7 days: no samples recorded yet.',
    );
  });
});

describe('markerColumns', () => {
  it('merges marks of one kind that would overlap, keeps kinds apart, drops marks out of view', () => {
    const markers = [
      { t: 100, kind: 'leaf-certificate' as const, count: 1 },
      { t: 102, kind: 'leaf-certificate' as const, count: 1 },
      { t: 130, kind: 'leaf-certificate' as const, count: 1 },
      { t: 101, kind: 'trust-failure' as const, count: 1 },
      { t: 900, kind: 'spike' as const, count: 1 },
      { t: 120, kind: 'connection' as const, count: 1 },
    ];
    const columns = markerColumns(markers, (t) => t, 0, 500, 4);
    expect(columns['leaf-certificate']).toEqual([102, 130]);
    expect(columns['trust-failure']).toEqual([101]);
    expect(columns.spike).toEqual([]);
  });
});
