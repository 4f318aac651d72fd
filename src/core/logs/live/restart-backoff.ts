/** Exponential restart delays for a supervised child: 1 s doubling to 60 s, reset by a good run. */

export interface RestartBackoffOptions {
  initialMs: number;
  maxMs: number;
  /** A run at least this long counts as healthy and resets the delay. */
  stableRunMs: number;
  /** Consecutive failures after which the child counts as failing, not merely restarting. */
  failingAfter: number;
}

export class RestartBackoff {
  /** Failed runs since the last healthy one. */
  failures = 0;
  private nextMs: number;

  constructor(private readonly options: RestartBackoffOptions) {
    this.nextMs = options.initialMs;
  }

  /** Records a run that ended after `ranMs`; returns the delay before the next start. */
  ended(ranMs: number): number {
    if (ranMs >= this.options.stableRunMs) {
      this.failures = 0;
      this.nextMs = this.options.initialMs;
    }
    return this.failed();
  }

  /** Records a start that failed outright; returns the delay before the next try. */
  failed(): number {
    this.failures++;
    const delay = this.nextMs;
    this.nextMs = Math.min(this.nextMs * 2, this.options.maxMs);
    return delay;
  }

  get failing(): boolean {
    return this.failures > this.options.failingAfter;
  }
}
