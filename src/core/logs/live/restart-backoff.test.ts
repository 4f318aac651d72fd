import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './restart-backoff';

const options = { initialMs: 1000, maxMs: 60_000, stableRunMs: 60_000, failingAfter: 5 };

describe('RestartBackoff', () => {
  it('doubles from 1 s to a 60 s ceiling while runs keep dying quickly', () => {
    const backoff = new RestartBackoff(options);
    const delays = Array.from({ length: 9 }, () => backoff.ended(500));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('counts as failing only after the given number of consecutive failures', () => {
    const backoff = new RestartBackoff(options);
    const failing = Array.from({ length: 7 }, () => (backoff.failed(), backoff.failing));
    expect(failing).toEqual([false, false, false, false, false, true, true]);
  });

  it('starts over at 1 s after a run that lasted long enough', () => {
    const backoff = new RestartBackoff(options);
    for (let i = 0; i < 6; i++) backoff.ended(10);
    expect(backoff.failing).toBe(true);
    expect(backoff.ended(60_000)).toBe(1000);
    expect(backoff.failures).toBe(1);
    expect(backoff.failing).toBe(false);
    expect(backoff.ended(59_999)).toBe(2000);
  });
});
