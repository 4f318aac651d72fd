import { describe, expect, it } from 'vitest';
import type { TcpState } from '../../shared/snapshot';
import type { AttributedRow } from './attribution';
import { ConnectionTracker } from './connection-tracker';

const T0 = Date.parse('2026-05-25T00:48:01.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

function socket(localPort: number, state: TcpState = 'ESTABLISHED', sendQueue = 0): AttributedRow {
  return {
    protocol: 'tcp4',
    localAddress: '192.168.1.20',
    localPort,
    peerAddress: '17.172.232.62',
    peerPort: 5223,
    state,
    recvQueue: 0,
    sendQueue,
    pid: 106,
    process: 'apsd',
    attributedBy: 'process apsd',
  };
}

/** `count` fresh 4-tuples starting at `firstPort`. */
const batch = (firstPort: number, count: number, state: TcpState = 'ESTABLISHED') =>
  Array.from({ length: count }, (_, i) => socket(firstPort + i, state));

describe('ConnectionTracker', () => {
  it('ages 4-tuples from when this engine first saw them and forgets vanished ones', () => {
    const tracker = new ConnectionTracker();
    const first = tracker.update([socket(50001), socket(50002)], at(0));
    expect(first.items.map((i) => [i.local, i.ageSeconds, i.firstSeen])).toEqual([
      ['192.168.1.20:50001', 0, '2026-05-25T00:48:01.000Z'],
      ['192.168.1.20:50002', 0, '2026-05-25T00:48:01.000Z'],
    ]);
    const second = tracker.update([socket(50001), socket(50003)], at(95.5));
    expect(second.items.map((i) => [i.local, i.ageSeconds])).toEqual([
      ['192.168.1.20:50001', 95],
      ['192.168.1.20:50003', 0],
    ]);
    // 50002 vanished at 95 s; when it comes back it is a new 4-tuple with a new first sighting.
    const third = tracker.update([socket(50001), socket(50002)], at(200));
    expect(third.items.map((i) => [i.local, i.ageSeconds])).toEqual([
      ['192.168.1.20:50001', 200],
      ['192.168.1.20:50002', 0],
    ]);
    expect(third.items[1]?.firstSeen).toBe('2026-05-25T00:51:21.000Z');
    expect(third.items[0]).toMatchObject({
      peer: '17.172.232.62:5223',
      pid: 106,
      process: 'apsd',
      attributedBy: 'process apsd',
    });
  });

  it('summarises states, the FIN_WAIT_1 pile-up and the longest ESTABLISHED link', () => {
    const tracker = new ConnectionTracker();
    tracker.update([socket(50001), socket(50010, 'FIN_WAIT_1', 106)], at(0));
    const summary = tracker.update(
      [
        socket(50001),
        socket(50002),
        socket(50010, 'FIN_WAIT_1', 106),
        socket(50011, 'FIN_WAIT_1', 143),
        socket(50020, 'TIME_WAIT'),
      ],
      at(600),
    );
    expect(summary.total).toBe(5);
    expect(summary.byState).toEqual({ ESTABLISHED: 2, FIN_WAIT_1: 2, TIME_WAIT: 1 });
    expect(summary.finWait1).toEqual({ count: 2, sendQueueBytes: 249, oldestAgeSeconds: 600 });
    expect(summary.established).toEqual({
      count: 2,
      longest: { peer: '17.172.232.62:5223', ageSeconds: 600 },
    });
  });

  it('reports no FIN_WAIT_1 age and no longest link when there are none', () => {
    const summary = new ConnectionTracker().update([socket(50020, 'TIME_WAIT')], at(0));
    expect(summary.finWait1).toEqual({ count: 0, sendQueueBytes: 0, oldestAgeSeconds: null });
    expect(summary.established).toEqual({ count: 0, longest: null });
    expect(new ConnectionTracker().update([], at(0))).toMatchObject({ total: 0, byState: {} });
  });

  it('sorts FIN_WAIT_1 first, then by Send-Q, then by age', () => {
    const tracker = new ConnectionTracker();
    tracker.update([socket(1, 'FIN_WAIT_1', 31), socket(2, 'ESTABLISHED', 900)], at(0));
    const { items } = tracker.update(
      [
        socket(2, 'ESTABLISHED', 900),
        socket(3, 'FIN_WAIT_1', 31),
        socket(1, 'FIN_WAIT_1', 31),
        socket(4, 'FIN_WAIT_1', 1448),
        socket(5, 'CLOSE_WAIT', 0),
      ],
      at(60),
    );
    expect(items.map((i) => [i.local.split(':')[1], i.state, i.sendQueue, i.ageSeconds])).toEqual([
      ['4', 'FIN_WAIT_1', 1448, 0],
      ['1', 'FIN_WAIT_1', 31, 60],
      ['3', 'FIN_WAIT_1', 31, 0],
      ['2', 'ESTABLISHED', 900, 60],
      ['5', 'CLOSE_WAIT', 0, 0],
    ]);
  });

  it('keys by protocol, local and peer: the same ports over IPv6 are another connection', () => {
    const tracker = new ConnectionTracker();
    tracker.update([socket(50001)], at(0));
    const v6: AttributedRow = {
      ...socket(50001),
      protocol: 'tcp6',
      localAddress: '2001:db8::5',
      peerAddress: '2620:149:a44::10',
    };
    const { items } = tracker.update([socket(50001), v6], at(30));
    expect(items.map((i) => [i.local, i.peer, i.ageSeconds])).toEqual([
      ['192.168.1.20:50001', '17.172.232.62:5223', 30],
      ['[2001:db8::5]:50001', '[2620:149:a44::10]:5223', 0],
    ]);
  });

  it('gives newPerHour only after two samples a minute apart, never counting the first sample', () => {
    const tracker = new ConnectionTracker();
    expect(tracker.update(batch(1000, 50), at(0)).newPerHour).toBeNull();
    expect(tracker.update([...batch(1000, 50), ...batch(2000, 2)], at(30)).newPerHour).toBeNull();
    // 2 + 3 new 4-tuples in 60 s: 300 per hour.
    const summary = tracker.update(
      [...batch(1000, 50), ...batch(2000, 2), ...batch(3000, 3)],
      at(60),
    );
    expect(summary.newPerHour).toBe(300);
  });

  it('slides the churn window to the last hour', () => {
    const tracker = new ConnectionTracker();
    let port = 10_000;
    let last = tracker.update(batch(port, 6), at(0));
    // Every 10 minutes for 2 hours, 6 new 4-tuples replace the previous 6.
    for (let minute = 10; minute <= 120; minute += 10) {
      port += 6;
      last = tracker.update(batch(port, 6), at(minute * 60));
    }
    expect(last.newPerHour).toBe(36);
    // A quiet hour follows: the rate decays to zero as the busy samples leave the window.
    for (let minute = 130; minute <= 170; minute += 10)
      last = tracker.update(batch(port, 6), at(minute * 60));
    expect(last.newPerHour).toBe(6); // only the sample at 120 min is still inside the window
    last = tracker.update(batch(port, 6), at(180 * 60));
    expect(last.newPerHour).toBe(0);
  });

  it('restarts the rate window when the clock goes back, never giving negative ages', () => {
    const tracker = new ConnectionTracker();
    tracker.update(batch(1000, 3), at(0));
    tracker.update(batch(1000, 4), at(120));
    const back = tracker.update(batch(1000, 5), at(60));
    expect(back.newPerHour).toBeNull();
    expect(back.items.every((i) => i.ageSeconds >= 0)).toBe(true);
  });

  it('keeps ages going through a clock step back of an hour, never negative, never frozen', () => {
    const tracker = new ConnectionTracker();
    tracker.update(batch(1000, 3), at(0));
    tracker.update(batch(1000, 3), at(120));
    // How long the step took is unknowable: the ages hold, then go on with the new clock.
    const back = tracker.update(batch(1000, 3), at(130 - 3600));
    expect(back.items.map((i) => i.ageSeconds)).toEqual([120, 120, 120]);
    expect(back.observedSeconds).toBe(120);
    const later = tracker.update(batch(1000, 3), at(140 - 3600));
    expect(later.items.map((i) => i.ageSeconds)).toEqual([130, 130, 130]);
  });

  it('stays bounded with 12,000 live sockets sampled many times a second', () => {
    const tracker = new ConnectionTracker();
    const live = batch(20_000, 12_000, 'FIN_WAIT_1');
    let summary = tracker.update(live, at(0));
    for (let i = 1; i <= 50; i++) {
      // one socket is replaced per sample, 10 ms apart
      live[i % live.length] = socket(40_000 + i, 'FIN_WAIT_1');
      summary = tracker.update(live, new Date(T0 + i * 10 + 60_000));
    }
    expect(summary.total).toBe(12_000);
    expect(summary.finWait1.count).toBe(12_000);
    const internals = tracker as unknown as { seen: Map<string, unknown>; churn: unknown[] };
    expect(internals.seen.size).toBe(12_000);
    // 50 samples within one second share one churn entry after the baseline.
    expect(internals.churn.length).toBe(2);
    // 50 replaced sockets over 60.5 s.
    expect(summary.newPerHour).toBe(2975.2);
  });
});
