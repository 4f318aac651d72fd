import { describe, expect, it } from 'vitest';
import {
  FIXTURE_TAKEN_AT,
  makeConnections,
  makeSnapshot,
  type SnapshotOverrides,
} from '../../test/support/snapshot-fixture';
import { shortCount, trayState } from './tray-state';

/** A snapshot with the push link and `count` sockets in FIN_WAIT_1, the number the tray shows. */
const withFinWait1 = (count: number, overrides: SnapshotOverrides = {}) =>
  makeSnapshot({ ...overrides, connections: { items: makeConnections(count + 1) } });

/** A pile-up above the spike level for the last 20 minutes. */
const spiking = {
  spikingSince: new Date(Date.parse(FIXTURE_TAKEN_AT) - 20 * 60_000).toISOString(),
};

describe('shortCount', () => {
  it('keeps counts below a thousand as they are', () => {
    expect(shortCount(0)).toBe('0');
    expect(shortCount(7)).toBe('7');
    expect(shortCount(412)).toBe('412');
    expect(shortCount(999)).toBe('999');
  });

  it('shortens larger counts to four characters at most, rounding down', () => {
    expect(shortCount(1000)).toBe('1k');
    expect(shortCount(1049)).toBe('1k');
    expect(shortCount(1250)).toBe('1.2k');
    expect(shortCount(1999)).toBe('1.9k');
    expect(shortCount(12_345)).toBe('12k');
    expect(shortCount(999_999)).toBe('999k');
    expect(shortCount(3_456_789)).toBe('3.4M');
    for (const n of [5, 999, 1000, 9_999, 10_000, 123_456, 9_999_999, 5e10]) {
      expect(shortCount(n).length).toBeLessThanOrEqual(4);
    }
  });

  it('treats fractions and negatives as whole, non-negative counts', () => {
    expect(shortCount(41.9)).toBe('41');
    expect(shortCount(-3)).toBe('0');
  });
});

describe('trayState', () => {
  it('shows the verdict level as the icon', () => {
    const calm = makeSnapshot();
    const atThreshold = withFinWait1(50);
    const spike = withFinWait1(412, { spike: spiking });
    expect([calm, atThreshold, spike].map((s) => s.verdict.level)).toEqual([
      'ok',
      'watch',
      'alert',
    ]);
    for (const s of [calm, atThreshold, spike])
      expect(trayState(s, 'when-high').icon).toBe(s.verdict.level);
  });

  it('says it is waiting before the first snapshot, with no title', () => {
    const state = trayState(null, 'always');
    expect(state.title).toBe('');
    expect(state.tooltip).toMatch(/waiting for the first sample/);
  });

  it("'when-high' shows the count only at or above the threshold", () => {
    expect(withFinWait1(49).spike.threshold).toBe(50);
    expect(trayState(withFinWait1(49), 'when-high').title).toBe('');
    expect(trayState(withFinWait1(50), 'when-high').title).toBe('50');
    expect(trayState(withFinWait1(12_400), 'when-high').title).toBe('12k');
  });

  it("'when-high' shows the count during a spike even below the threshold", () => {
    // Falling back, but not yet below the detector's lower level: the episode goes on.
    const s = withFinWait1(30, { spike: spiking });
    expect(s.spike).toMatchObject({ active: true, threshold: 50 });
    expect(trayState(s, 'when-high').title).toBe('30');
  });

  it("'always' and 'never' ignore the threshold", () => {
    const calm = withFinWait1(3);
    expect(trayState(calm, 'always').title).toBe('3');
    const high = withFinWait1(412, { spike: spiking });
    expect(trayState(high, 'never').title).toBe('');
  });

  it('shows no count when the socket source failed, and says why in the tooltip', () => {
    const s = withFinWait1(0, {
      source: { sockets: { status: 'failed', detail: 'netstat: command not found' } },
    });
    const state = trayState(s, 'always');
    expect(state.title).toBe('');
    expect(state.tooltip).toContain('netstat: command not found');
  });

  it('puts the headline and the FIN_WAIT_1 count against its usual level in the tooltip', () => {
    const s = withFinWait1(412, { spike: { ...spiking, usual: 3 } });
    const tooltip = trayState(s, 'when-high').tooltip;
    expect(tooltip).toContain(s.verdict.headline);
    expect(tooltip).toContain('FIN_WAIT_1: 412 (usual 3), pile-up in progress');
  });
});
