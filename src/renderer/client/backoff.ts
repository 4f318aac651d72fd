/** Reconnect delays: doubling from `initialMs` up to `maxMs`, with jitter so tabs do not stampede. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1: each delay is drawn from [delay * (1 - jitter), delay]. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 15_000, jitter: 0.2 };

/** Delay before reconnect attempt number `attempt` (0-based); `random` is injectable for tests. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 0), 30);
  const base = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return Math.round(base * (1 - options.jitter * random()));
}
