import { describe, expect, it } from 'vitest';
import { SpikeDetector, type SpikeObservation } from './spike-detector';

const T0 = Date.UTC(2025, 7, 9, 12, 0, 0);
const STEP_MS = 10_000;

/** Feeds counts one sample every 10 s from `startMs`; returns every observation. */
function feed(detector: SpikeDetector, counts: number[], startMs = T0): SpikeObservation[] {
  return counts.map((count, i) => detector.observe(count, new Date(startMs + i * STEP_MS)));
}

function startedCount(observations: SpikeObservation[]): number {
  return observations.filter((o) => o.started !== null).length;
}

function calm(n: number, around = 12): number[] {
  return Array.from({ length: n }, (_, i) => around + (i % 3) - 1);
}

describe('SpikeDetector', () => {
  it('learns the baseline as the median of calm samples and derives the threshold from it', () => {
    const detector = new SpikeDetector({ minCount: 10, sensitivity: 'normal' });
    feed(detector, [10, 12, 14, 12, 30, 11, 12]);
    const state = detector.state();
    expect(state.baseline).toBe(12);
    expect(state.threshold).toBe(44); // 12 * 2 + 20
    expect(state.active).toBe(false);
  });

  it('fires once for a sustained rise, with the numbers a notification needs', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    const warmup = feed(detector, calm(30));
    const rise = feed(detector, [80, 200, 412, 415, 420, 430], T0 + 30 * STEP_MS);
    expect(startedCount([...warmup, ...rise])).toBe(1);
    const start = rise[2]!.started;
    expect(start).toEqual({ count: 412, baseline: 12, rise: 400, overSeconds: 30 });
    expect(rise[2]!.state.active).toBe(true);
    expect(rise[2]!.state.since).toBe(new Date(T0 + 30 * STEP_MS).toISOString());
    expect(rise.at(-1)!.state.active).toBe(true);
  });

  it('never fires for a single noisy sample, nor for two in a row', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    const series = [...calm(20), 900, ...calm(5), 700, 800, ...calm(5)];
    const observations = feed(detector, series);
    expect(startedCount(observations)).toBe(0);
    expect(observations.some((o) => o.state.active)).toBe(false);
    // The noisy samples never entered the baseline.
    expect(detector.state().baseline).toBe(12);
  });

  it('gives one episode while the count oscillates around the threshold (hysteresis)', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    feed(detector, calm(30));
    const { threshold, baseline } = detector.state();
    const lower = (baseline + threshold) / 2;
    const over = threshold + 5;
    const justUnder = Math.ceil(lower) + 2; // below the threshold, above the lower level
    const series = [over, over, over, justUnder, over, justUnder, justUnder, justUnder, over, over];
    const observations = feed(detector, series, T0 + 30 * STEP_MS);
    expect(startedCount(observations)).toBe(1);
    expect(observations.filter((o) => o.ended)).toHaveLength(0);
    expect(observations.at(-1)!.state.active).toBe(true);

    // Two samples under the lower level are not enough; the third ends the episode.
    const down = feed(detector, [5, 5, 60, 5, 5, 5], T0 + 40 * STEP_MS);
    expect(down.map((o) => o.ended)).toEqual([false, false, false, false, false, true]);
    expect(down.at(-1)!.state.active).toBe(false);
    expect(down.at(-1)!.state.since).toBeNull();
  });

  it('suppresses a new notification during the cooldown, and says so in the state', () => {
    const detector = new SpikeDetector({
      minCount: 50,
      sensitivity: 'normal',
      cooldownMs: 30 * 60_000,
    });
    feed(detector, calm(20));
    const first = feed(detector, [400, 400, 400, 5, 5, 5], T0 + 20 * STEP_MS);
    expect(startedCount(first)).toBe(1);
    const endedAt = T0 + 25 * STEP_MS;
    expect(first.at(-1)!.state.cooldownUntil).toBe(new Date(endedAt + 30 * 60_000).toISOString());

    // Ten minutes later (sampled all along: a gap would read as a sleep): a second episode is
    // active but quiet.
    feed(detector, calm(59), endedAt + STEP_MS);
    const second = feed(detector, [400, 400, 400], endedAt + 10 * 60_000);
    expect(startedCount(second)).toBe(0);
    expect(second.at(-1)!.state.active).toBe(true);
    expect(second.at(-1)!.state.quietReason).toBe('cooldown');
    const closes = feed(detector, [5, 5, 5], endedAt + 11 * 60_000);
    expect(closes.at(-1)!.ended).toBe(true);

    // The cooldown restarts from the quiet episode's end; after it, a spike notifies again.
    const later = endedAt + 11 * 60_000 + 2 * STEP_MS + 31 * 60_000;
    feed(detector, calm(185), endedAt + 11 * 60_000 + 3 * STEP_MS);
    const third = feed(detector, [400, 400, 400], later);
    expect(startedCount(third)).toBe(1);
    expect(third.at(-1)!.state.quietReason).toBeNull();
  });

  it('mutes new episodes after a wake and does not learn the wake pile-up', () => {
    const detector = new SpikeDetector({
      minCount: 50,
      sensitivity: 'normal',
      wakeGraceMs: 5 * 60_000,
    });
    feed(detector, calm(9));
    const sleepAt = T0 + 9 * STEP_MS;
    detector.suspended(new Date(sleepAt));
    const wakeAt = sleepAt + 8 * 3600_000;
    detector.resumed(new Date(wakeAt));
    expect(detector.state(new Date(wakeAt)).mutedUntil).toBe(
      new Date(wakeAt + 5 * 60_000).toISOString(),
    );

    // A pile-up above the threshold, then 23 samples at 20 (under it), all within the grace:
    // learned, those 20s would outnumber the 9 calm samples and move the median to 20.
    const pileUp = feed(detector, [300, 300, 300, 300, ...Array<number>(23).fill(20)], wakeAt);
    expect(startedCount(pileUp)).toBe(0);
    expect(pileUp[3]!.state.active).toBe(true);
    expect(pileUp[3]!.state.quietReason).toBe('wake');
    expect(pileUp.at(-1)!.state.active).toBe(false);
    expect(detector.state().baseline).toBe(12);

    // After the grace (and with no cooldown from the quiet wake episode) a real spike notifies.
    const after = feed(detector, [...calm(3), 400, 400, 400], wakeAt + 6 * 60_000);
    expect(after[0]!.state.mutedUntil).toBeNull();
    expect(startedCount(after)).toBe(1);
  });

  it('changes the threshold with sensitivity, live, keeping the learned baseline', () => {
    const detector = new SpikeDetector({ minCount: 10, sensitivity: 'normal' });
    feed(
      detector,
      Array.from({ length: 20 }, () => 100),
    );
    expect(detector.state().threshold).toBe(220);
    detector.configure({ sensitivity: 'high' });
    expect(detector.state().threshold).toBe(160);
    detector.configure({ sensitivity: 'low' });
    expect(detector.state().threshold).toBe(350);
    detector.configure({ minCount: 1000 });
    expect(detector.state()).toMatchObject({ baseline: 100, threshold: 1000 });

    // 180 is a spike only for the most sensitive setting.
    detector.configure({ minCount: 10, sensitivity: 'high' });
    expect(startedCount(feed(detector, [180, 180, 180], T0 + 20 * STEP_MS))).toBe(1);
  });

  it('honours a configured number of consecutive samples', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    detector.configure({ consecutiveSamples: 5 });
    const observations = feed(detector, [...calm(10), 400, 400, 400, 400, 400]);
    expect(observations.findIndex((o) => o.started !== null)).toBe(14);
  });

  it('takes a pile-up present when watching began as the first baseline, then outvotes it', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    const start = feed(detector, [400, 410, 420, 400, 405, 410]);
    expect(startedCount(start)).toBe(0);
    expect(detector.state().baseline).toBe(407.5);
    feed(detector, calm(10), T0 + 6 * STEP_MS);
    expect(detector.state()).toMatchObject({ baseline: 13, threshold: 50 });
  });

  it('still fires for a rise within the first samples when the first ones were calm', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    const observations = feed(detector, [12, 12, 12, 400, 400, 400]);
    expect(observations[5]!.started).toMatchObject({ count: 400, baseline: 12, overSeconds: 30 });
    // The three 400s learned during warm-up were taken back out once they proved a spike.
    expect(observations[5]!.state).toMatchObject({ baseline: 12, threshold: 50 });
  });

  it('rejects a count that is not a number in one line', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    expect(() => detector.observe(Number.NaN, new Date(T0))).toThrow(
      /^FIN_WAIT_1 count must be a number >= 0, got NaN$/,
    );
    expect(() => detector.configure({ consecutiveSamples: 0 })).toThrow(RangeError);
  });

  it('sees a sleep it was not told of (a gap between samples) as a wake: the pile-up is no spike', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    feed(detector, calm(30));
    const wakeAt = T0 + 30 * STEP_MS + 8 * 3600_000; // eight hours later, no suspended() call
    const pileUp = feed(detector, [300, 300, 300, 300, 300], wakeAt);
    expect(startedCount(pileUp)).toBe(0);
    expect(pileUp[0]!.state.mutedUntil).toBe(new Date(wakeAt + 5 * 60_000).toISOString());
    expect(pileUp.at(-1)!.state.quietReason).toBe('wake');
    expect(detector.state().baseline).toBe(12);
  });

  it('takes a clock step back as a wake too, with no negative durations and no stretched cooldown', () => {
    const detector = new SpikeDetector({ minCount: 50, sensitivity: 'normal' });
    feed(detector, calm(30));
    const rise = feed(detector, [400, 400, 400, ...calm(6)], T0 + 30 * STEP_MS);
    expect(startedCount(rise)).toBe(1);
    const endedAt = T0 + 38 * STEP_MS;
    const cooldown = detector.state(new Date(endedAt)).cooldownUntil;
    expect(cooldown).toBe(new Date(endedAt + 30 * 60_000 - 3 * STEP_MS).toISOString());
    // NTP steps the clock back an hour.
    const backAt = endedAt - 3600_000;
    const after = feed(detector, [12, 400, 400, 400], backAt);
    expect(startedCount(after)).toBe(0);
    expect(after[0]!.state.cooldownUntil).toBe(
      new Date(Date.parse(cooldown!) - 3600_000).toISOString(),
    );
    for (const o of after) if (o.started) expect(o.started.overSeconds).toBeGreaterThanOrEqual(0);
  });
});
