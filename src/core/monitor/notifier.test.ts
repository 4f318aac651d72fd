import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../shared/snapshot';
import { Notifier, TRUST_FAILURE_COOLDOWN_MS, TRUST_FAILURE_FRESH_MS } from './notifier';

const allOn = { spike: true, trustFailure: true };
const T0 = Date.parse('2026-05-07T21:54:23.000Z');
const at = (ms: number) => new Date(T0 + ms);
const start = { count: 48, baseline: 3, rise: 45, overSeconds: 60 };

function trustFailure(time: Date): LogEvent {
  return {
    time: time.toISOString(),
    kind: 'trust-failure',
    process: 'apsd',
    pid: 106,
    message: 'Failed to evaluate trust: No error. (0), result=5; retrying with system roots',
  };
}

describe('Notifier: the one place that decides notifications', () => {
  it('announces a spike start with the count, the baseline and the daemon', () => {
    const notice = new Notifier('apsd').spikeStarted(start, at(0), allOn);
    expect(notice).toMatchObject({
      kind: 'spike',
      title: '48 apsd connections stuck in FIN_WAIT_1',
      at: at(0).toISOString(),
    });
    expect(notice?.body).toMatch(/^Up from about 3 over /);
  });

  it("respects each of the user's switches separately", () => {
    const notifier = new Notifier('apsd');
    const spikeOff = { spike: false, trustFailure: true };
    expect(notifier.spikeStarted(start, at(0), spikeOff)).toBeNull();
    expect(notifier.logEvents([trustFailure(at(0))], at(0), spikeOff)?.kind).toBe('trust-failure');
    const trustOff = { spike: true, trustFailure: false };
    const other = new Notifier('apsd');
    expect(other.logEvents([trustFailure(at(0))], at(0), trustOff)).toBeNull();
    expect(other.spikeStarted(start, at(0), trustOff)?.kind).toBe('spike');
  });

  it('sends one notification per burst of trust failures, and again after the cooldown', () => {
    const notifier = new Notifier('apsd');
    const first = notifier.logEvents([trustFailure(at(0)), trustFailure(at(1))], at(1), allOn);
    expect(first?.kind).toBe('trust-failure');
    expect(notifier.logEvents([trustFailure(at(60_000))], at(60_000), allOn)).toBeNull();
    const later = at(TRUST_FAILURE_COOLDOWN_MS + 1);
    const second = notifier.logEvents([trustFailure(later)], later, allOn);
    expect(second?.kind).toBe('trust-failure');
    expect(second?.id).not.toBe(first?.id);
  });

  it('does not announce back-filled failures or other kinds of line', () => {
    const notifier = new Notifier('apsd');
    const now = at(TRUST_FAILURE_FRESH_MS + 1);
    expect(notifier.logEvents([trustFailure(at(0))], now, allOn)).toBeNull();
    const leaf: LogEvent = { ...trustFailure(now), kind: 'leaf-certificate' };
    expect(notifier.logEvents([leaf], now, allOn)).toBeNull();
  });

  it('keeps a burst in progress quiet when the watched daemon is renamed', () => {
    const notifier = new Notifier('apsd');
    expect(notifier.logEvents([trustFailure(at(0))], at(0), allOn)).not.toBeNull();
    notifier.rename('pushd');
    expect(notifier.logEvents([trustFailure(at(1000))], at(1000), allOn)).toBeNull();
    expect(notifier.spikeStarted(start, at(2000), allOn)?.title).toContain('pushd');
  });
});
