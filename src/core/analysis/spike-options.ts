/** The spike detector's options, their defaults and checks, and the shapes it reports. */
import type { SpikeState } from '../../shared/snapshot';
import type { Settings } from '../../shared/settings';

export type Sensitivity = Settings['spike']['sensitivity'];

export interface SpikeDetectorOptions {
  /** Never call it a spike below this many sockets, whatever the baseline. */
  minCount: number;
  sensitivity: Sensitivity;
  /** Samples in a row above the threshold to start, and below the lower level to end (default 3). */
  consecutiveSamples?: number;
  /** After an episode ends, a new one does not notify for this long (default 30 min). */
  cooldownMs?: number;
  /** After a wake from sleep, new episodes do not notify for this long (default 5 min). */
  wakeGraceMs?: number;
  /** How many recent calm samples the baseline median is taken over (default 360: 1 h at 10 s). */
  baselineWindow?: number;
}

/** threshold = max(minCount, baseline * factor + margin); the margin keeps a calm 0-3 from tripping. */
export const SENSITIVITY_RULES: Record<Sensitivity, { factor: number; margin: number }> = {
  high: { factor: 1.5, margin: 10 },
  normal: { factor: 2, margin: 20 },
  low: { factor: 3, margin: 50 },
};

/** What a notification needs to say "FIN_WAIT_1 rose from 12 to 412 over 3 min". */
export interface SpikeStart {
  count: number;
  baseline: number;
  rise: number;
  /** Seconds since the last calm sample (or since watching began, when there was none). */
  overSeconds: number;
}

/** The detector's state is exactly the snapshot's: cooldown and wake muting travel with it. */
export type SpikeDetectorState = SpikeState;

export interface SpikeObservation {
  state: SpikeDetectorState;
  /** Set on the one sample that starts a notifying episode. */
  started: SpikeStart | null;
  /** True on the one sample that ends an episode. */
  ended: boolean;
}

export type ResolvedOptions = Required<SpikeDetectorOptions>;

/**
 * The first samples are all learned ("the median seen so far"): a Mac whose usual level is high, or
 * that already had a pile-up when watching began, then gets a baseline instead of an endless spike.
 * A pile-up learned this way is outvoted as soon as more calm samples than warm-up samples arrive.
 */
export const WARMUP_SAMPLES = 6;

export const DEFAULT_DETECTOR_OPTIONS = {
  consecutiveSamples: 3,
  cooldownMs: 30 * 60_000,
  wakeGraceMs: 5 * 60_000,
  baselineWindow: 360,
};

export function validateOptions(options: ResolvedOptions): ResolvedOptions {
  const { minCount, sensitivity, consecutiveSamples, cooldownMs, wakeGraceMs, baselineWindow } =
    options;
  if (!Number.isFinite(minCount) || minCount < 0)
    throw new RangeError(`minCount must be a number >= 0, got ${minCount}`);
  if (!Object.hasOwn(SENSITIVITY_RULES, sensitivity))
    throw new RangeError(`unknown sensitivity "${String(sensitivity)}"`);
  if (!Number.isInteger(consecutiveSamples) || consecutiveSamples < 1)
    throw new RangeError(
      `consecutiveSamples must be a whole number >= 1, got ${consecutiveSamples}`,
    );
  if (!(cooldownMs >= 0) || !(wakeGraceMs >= 0)) throw new RangeError('durations must be >= 0');
  if (!Number.isInteger(baselineWindow) || baselineWindow < 1)
    throw new RangeError(`baselineWindow must be a whole number >= 1, got ${baselineWindow}`);
  return options;
}
