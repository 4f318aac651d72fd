import { describe, expect, it } from 'vitest';
import type { LogEvent, LogKind } from '../../../shared/snapshot';
import { LogAggregator } from './log-aggregator';

const MIN = 60_000;
const start = Date.parse('2025-08-09T00:00:00Z');
function event(
  minute: number,
  kind: LogKind = 'leaf-certificate',
  message = 'Unrecognized leaf certificate',
): LogEvent {
  return {
    time: new Date(start + minute * MIN).toISOString(),
    kind,
    process: 'apsd',
    pid: 106,
    message,
  };
}

describe('LogAggregator', () => {
  it('counts by kind and finds the leaf-certificate rhythm', () => {
    const agg = new LogAggregator();
    const leaf = [0, 90, 180, 270, 360].map((m) => event(m));
    const trust = event(200, 'trust-failure', 'Untrusted peer, closing connection immediately');
    expect(agg.add([...leaf, trust])).toHaveLength(6);
    const summary = agg.summary();
    expect(summary.byKind).toEqual({
      'leaf-certificate': 5,
      'trust-failure': 1,
      connection: 0,
      other: 0,
    });
    expect(summary.periodicity['leaf-certificate']).toEqual({
      count: 5,
      medianIntervalSeconds: 5400,
      regularity: 1,
      firstSeen: leaf[0]!.time,
      lastSeen: leaf[4]!.time,
    });
    expect(summary.periodicity.connection.count).toBe(0);
    expect([summary.first, summary.last]).toEqual([leaf[0]!.time, leaf[4]!.time]);
  });

  it('drops a back-fill that overlaps lines already seen live, in either order', () => {
    const agg = new LogAggregator();
    const live = [event(100), event(110, 'connection', 'APSCourier connected')];
    const backfill = [event(80), event(90), ...live];
    expect(agg.add(live)).toEqual(live);
    expect(agg.add(backfill)).toEqual([event(80), event(90)]);
    expect(agg.add(backfill)).toEqual([]);
    expect(agg.summary().byKind['leaf-certificate']).toBe(3);
    expect(agg.summary().recent.map((e) => e.time)).toEqual(
      [80, 90, 100, 110].map((m) => new Date(start + m * MIN).toISOString()),
    );
  });

  it('checks for repeats only within the window before the newest event', () => {
    const agg = new LogAggregator({ dedupWindowMs: 30 * MIN });
    agg.add([event(0), event(100)]);
    // 100 minutes back is outside the window: no identity was kept for it, so it counts again.
    expect(agg.add([event(0), event(100)])).toEqual([event(0)]);
  });

  it('keeps identical lines of one batch (a syslog repeat) and only the extra copies later', () => {
    const agg = new LogAggregator();
    expect(agg.add([event(1), event(1), event(1)])).toHaveLength(3);
    expect(agg.add([event(1), event(1)])).toHaveLength(0);
    expect(agg.add([event(1), event(1), event(1), event(1)])).toHaveLength(1);
    expect(agg.summary().byKind['leaf-certificate']).toBe(4);
  });

  it('tells a different pid or message apart', () => {
    const agg = new LogAggregator();
    agg.add([event(1)]);
    expect(
      agg.add([
        { ...event(1), pid: 107 },
        { ...event(1), message: 'Unrecognized leaf certificate!' },
      ]),
    ).toHaveLength(2);
  });

  it('stays bounded: recent, retained times and remembered identities', () => {
    const agg = new LogAggregator({ recent: 3, timesPerKind: 10, identities: 5 });
    const many = Array.from({ length: 50 }, (_, i) => event(i * 90));
    agg.add(many);
    const summary = agg.summary();
    expect(summary.recent).toEqual(many.slice(-3));
    expect(summary.byKind['leaf-certificate']).toBe(50);
    expect(summary.periodicity['leaf-certificate']).toMatchObject({
      count: 50,
      firstSeen: many[0]!.time,
      lastSeen: many[49]!.time,
      medianIntervalSeconds: 5400,
    });
    // Only the last five identities are remembered: an old line counts again, a recent one not.
    expect(agg.add([many[49]!])).toHaveLength(0);
    expect(agg.add([many[0]!])).toHaveLength(1);
  });

  it('counts kinds since a time, for notifying only new trust failures', () => {
    const agg = new LogAggregator();
    agg.add([
      event(0, 'trust-failure', 'Failed to evaluate trust'),
      event(30),
      event(60, 'trust-failure', 'Untrusted peer'),
    ]);
    expect(agg.kindsSince(start + 30 * MIN)).toEqual({
      'leaf-certificate': 1,
      'trust-failure': 1,
      connection: 0,
      other: 0,
    });
  });

  it('ignores an event whose time cannot be read', () => {
    const agg = new LogAggregator();
    expect(agg.add([{ ...event(0), time: 'garbage' }])).toEqual([]);
    expect(agg.summary().first).toBeNull();
  });
});
