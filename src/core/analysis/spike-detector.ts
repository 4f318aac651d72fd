/**
 * Decides when a FIN_WAIT_1 pile-up is a spike worth one notification: against a learned calm
 * baseline, only after several samples in a row, with hysteresis, a cooldown and a wake grace.
 */
import {
  DEFAULT_DETECTOR_OPTIONS,
  SENSITIVITY_RULES,
  WARMUP_SAMPLES,
  validateOptions,
  type ResolvedOptions,
  type SpikeDetectorOptions,
  type SpikeDetectorState,
  type SpikeObservation,
  type SpikeStart,
} from './spike-options';

export type {
  SpikeDetectorOptions,
  SpikeDetectorState,
  SpikeObservation,
  SpikeStart,
} from './spike-options';

/** A gap shorter than this is a late sample, never a sleep (sampling every 1 to 300 s). */
const MIN_SLEEP_GAP_MS = 10 * 60_000;

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export class SpikeDetector {
  private options: ResolvedOptions;
  /** Warm-up and calm samples, oldest first: spike, pending and wake-time samples never enter. */
  private readonly calm: number[] = [];
  private baseline = 0;
  private warmupLeft = WARMUP_SAMPLES;
  private active = false;
  private since: Date | null = null;
  private runAbove = 0;
  /** Samples of the current run learned in warm-up: unlearned if the run turns into a spike. */
  private runLearned = 0;
  private runStart: Date | null = null;
  private runBelow = 0;
  private lastCalmAt: Date | null = null;
  private firstSampleAt: Date | null = null;
  private mutedUntil: Date | null = null;
  private asleep = false;
  private cooldownUntil: Date | null = null;
  private quietReason: SpikeDetectorState['quietReason'] = null;
  private lastNow: Date | null = null;
  /** The usual time between samples, to tell a sleep (or a clock jump) from a late sample. */
  private usualGapMs: number | null = null;

  constructor(options: SpikeDetectorOptions) {
    this.options = validateOptions({ ...DEFAULT_DETECTOR_OPTIONS, ...options });
  }

  /** Applies changed settings at once; the learned baseline is kept. */
  configure(patch: Partial<SpikeDetectorOptions>): void {
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    this.options = validateOptions({ ...this.options, ...defined });
    this.calm.splice(0, Math.max(0, this.calm.length - this.options.baselineWindow));
    this.baseline = median(this.calm);
  }

  threshold(): number {
    const { factor, margin } = SENSITIVITY_RULES[this.options.sensitivity];
    return Math.max(this.options.minCount, Math.round(this.baseline * factor + margin));
  }

  /** Hysteresis: an episode ends only below the midpoint between baseline and threshold. */
  lowerLevel(): number {
    return (this.baseline + this.threshold()) / 2;
  }

  observe(count: number, now: Date): SpikeObservation {
    if (!Number.isFinite(count) || count < 0)
      throw new RangeError(`FIN_WAIT_1 count must be a number >= 0, got ${count}`);
    this.noticeClockJump(now);
    this.lastNow = now;
    this.firstSampleAt ??= now;
    const muted = this.isMuted(now);
    let started: SpikeStart | null = null;
    let ended = false;
    if (!this.active) started = this.observeCalmSide(count, now, muted);
    else ended = this.observeSpikeSide(count, now);
    return { state: this.state(now), started, ended };
  }

  /**
   * Hosts with no sleep notice (the CLI, the dashboard server) see a sleep as a long gap between
   * samples, and an NTP step as a gap or a step back: either is handled as a wake, so the pile-up
   * after it is never a false spike. A step back also moves the cooldown with the clock.
   */
  private noticeClockJump(now: Date): void {
    if (!this.lastNow) return;
    const gap = now.getTime() - this.lastNow.getTime();
    if (gap < 0) {
      if (this.cooldownUntil) this.cooldownUntil = new Date(this.cooldownUntil.getTime() + gap);
      if (this.lastCalmAt && this.lastCalmAt > now) this.lastCalmAt = now;
      if (!this.asleep) this.resumed(now);
      return;
    }
    const usual = this.usualGapMs;
    if (usual !== null && gap > Math.max(MIN_SLEEP_GAP_MS, 4 * usual)) {
      if (!this.asleep) this.resumed(now);
      return;
    }
    this.usualGapMs = usual === null ? gap : Math.min(gap, usual * 2);
  }

  /** The host is going to sleep: samples until the wake are not learned and cannot start a spike. */
  suspended(_now: Date): void {
    this.asleep = true;
    this.resetRun();
  }

  /** Back from sleep: mute new episodes for the grace period; the pile-up is not learned either. */
  resumed(now: Date): void {
    this.asleep = false;
    this.mutedUntil = new Date(now.getTime() + this.options.wakeGraceMs);
    this.resetRun();
    this.runBelow = 0;
  }

  state(now: Date | null = this.lastNow): SpikeDetectorState {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const liveCooldown = this.cooldownUntil && now && now < this.cooldownUntil;
    return {
      active: this.active,
      since: iso(this.since),
      baseline: this.baseline,
      threshold: this.threshold(),
      baselineSamples: this.calm.length,
      mutedUntil: now && this.isMuted(now) && !this.asleep ? iso(this.mutedUntil) : null,
      cooldownUntil: liveCooldown ? iso(this.cooldownUntil) : null,
      quietReason: this.active ? this.quietReason : null,
    };
  }

  private isMuted(now: Date): boolean {
    return this.asleep || (this.mutedUntil !== null && now < this.mutedUntil);
  }

  private observeCalmSide(count: number, now: Date, muted: boolean): SpikeStart | null {
    const calm = count <= this.threshold();
    const learned = !muted && (calm || this.warmupLeft > 0);
    if (learned) this.learn(count);
    if (calm) {
      this.resetRun();
      this.lastCalmAt = now;
      return null;
    }
    this.runAbove += 1;
    if (learned) this.runLearned += 1;
    this.runStart ??= now;
    if (this.runAbove < this.options.consecutiveSamples) return null;
    this.unlearnRun();
    this.active = true;
    this.since = this.runStart;
    this.runBelow = 0;
    if (muted) this.quietReason = 'wake';
    else if (this.cooldownUntil && now < this.cooldownUntil) this.quietReason = 'cooldown';
    else this.quietReason = null;
    if (this.quietReason) return null;
    const from = this.lastCalmAt ?? this.firstSampleAt ?? now;
    return {
      count,
      baseline: this.baseline,
      rise: count - this.baseline,
      overSeconds: Math.max(0, Math.round((now.getTime() - from.getTime()) / 1000)),
    };
  }

  private observeSpikeSide(count: number, now: Date): boolean {
    if (count >= this.lowerLevel()) {
      this.runBelow = 0;
      return false;
    }
    this.runBelow += 1;
    if (this.runBelow < this.options.consecutiveSamples) return false;
    // A wake pile-up never notified, so it does not hold back the next real spike.
    if (this.quietReason !== 'wake')
      this.cooldownUntil = new Date(now.getTime() + this.options.cooldownMs);
    this.active = false;
    this.since = null;
    this.quietReason = null;
    this.resetRun();
    this.runBelow = 0;
    this.lastCalmAt = now;
    return true;
  }

  private resetRun(): void {
    this.runAbove = 0;
    this.runLearned = 0;
    this.runStart = null;
  }

  /** A run that became a spike was spike samples all along: take them out of the warm-up. */
  private unlearnRun(): void {
    if (this.runLearned === 0) return;
    this.calm.splice(-this.runLearned, this.runLearned);
    this.warmupLeft += this.runLearned;
    this.runLearned = 0;
    this.baseline = median(this.calm);
  }

  private learn(count: number): void {
    if (this.warmupLeft > 0) this.warmupLeft -= 1;
    this.calm.push(count);
    if (this.calm.length > this.options.baselineWindow) this.calm.shift();
    this.baseline = median(this.calm);
  }
}
