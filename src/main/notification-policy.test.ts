import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../shared/snapshot';
import { createNotificationPolicy } from './notification-policy';

const allOn = { spike: true, trustFailure: true };

function note(id: string, kind: AppNotification['kind'] = 'spike'): AppNotification {
  return { id, kind, at: '2026-05-07T21:54:23.000Z', title: 'apsd-watch', body: 'body' };
}

describe('notification policy', () => {
  it('shows each kind when its switch is on', () => {
    const policy = createNotificationPolicy();
    expect(policy.decide(note('a', 'spike'), allOn)).toEqual({ show: true });
    expect(policy.decide(note('b', 'trust-failure'), allOn)).toEqual({ show: true });
  });

  it('respects each switch separately', () => {
    const policy = createNotificationPolicy();
    const spikeOff = { spike: false, trustFailure: true };
    expect(policy.decide(note('a', 'spike'), spikeOff)).toEqual({
      show: false,
      reason: 'spike notifications are off',
    });
    expect(policy.decide(note('b', 'trust-failure'), spikeOff).show).toBe(true);
    const trustOff = { spike: true, trustFailure: false };
    expect(policy.decide(note('c', 'trust-failure'), trustOff).show).toBe(false);
    expect(policy.decide(note('d', 'spike'), trustOff).show).toBe(true);
  });

  it('shows one notification per episode id', () => {
    const policy = createNotificationPolicy();
    expect(policy.decide(note('episode-1'), allOn).show).toBe(true);
    expect(policy.decide(note('episode-1'), allOn)).toEqual({
      show: false,
      reason: 'already shown',
    });
    expect(policy.decide(note('episode-2'), allOn).show).toBe(true);
  });

  it('forgets the oldest ids beyond its memory, and only those', () => {
    const policy = createNotificationPolicy(3);
    for (const id of ['1', '2', '3', '4']) policy.decide(note(id), allOn);
    expect(policy.decide(note('4'), allOn).show).toBe(false);
    expect(policy.decide(note('3'), allOn).show).toBe(false);
    expect(policy.decide(note('1'), allOn).show).toBe(true);
  });
});
