/**
 * How regularly a kind of line recurs: the Ask Different report saw "Unrecognized leaf
 * certificate" every ~90 minutes (docs/sources.md#the-question-behind-the-app), so the app says
 * whether this Mac shows the same rhythm.
 */
import type { Periodicity } from '../../../shared/snapshot';

/** Lines closer together than this are one episode (a trust failure logs five lines at once). */
export const EPISODE_GAP_MS = 60_000;
/** From this regularity on, the gaps are steady enough to say "every ~N". */
export const REGULAR_FROM = 0.6;

function median(sorted: number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median gap between episodes and regularity = max(0, 1 - coefficient of variation of the gaps);
 * regularity needs at least two gaps. `count` is the number of lines.
 */
export function computePeriodicity(timesMs: readonly number[]): Periodicity {
  const times = [...timesMs].sort((a, b) => a - b);
  const first = times[0];
  const last = times.at(-1);
  const gaps: number[] = [];
  let episodeStart = first;
  for (const t of times) {
    if (episodeStart !== undefined && t - episodeStart >= EPISODE_GAP_MS) {
      gaps.push(t - episodeStart);
      episodeStart = t;
    }
  }
  let regularity: number | null = null;
  if (gaps.length >= 2) {
    const mean = gaps.reduce((sum, g) => sum + g, 0) / gaps.length;
    const variance = gaps.reduce((sum, g) => sum + (g - mean) ** 2, 0) / gaps.length;
    regularity = Math.max(0, 1 - Math.sqrt(variance) / mean);
  }
  return {
    count: times.length,
    medianIntervalSeconds: gaps.length ? median(gaps.sort((a, b) => a - b)) / 1000 : null,
    regularity,
    firstSeen: first === undefined ? null : new Date(first).toISOString(),
    lastSeen: last === undefined ? null : new Date(last).toISOString(),
  };
}

/** "45 s", "90 min", "2.5 h", "3 days". */
export function formatInterval(seconds: number): string {
  const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 120 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 48 * 3600) return `${oneDecimal(seconds / 3600)} h`;
  return `${oneDecimal(seconds / 86_400)} days`;
}

/** A round figure for "every ~N": 88 min and 92 min both read "every ~90 min". */
function approximately(seconds: number): number {
  const step = seconds < 90 ? 5 : seconds < 20 * 60 ? 60 : seconds < 120 * 60 ? 300 : 1800;
  return Math.max(step, Math.round(seconds / step) * step);
}

/** "every ~90 min", "irregular (median 41 min)", "once", "not seen". */
export function describePeriodicity(p: Periodicity): string {
  if (p.count === 0) return 'not seen';
  if (p.medianIntervalSeconds === null) return p.count === 1 ? 'once' : `${p.count} times at once`;
  const interval = formatInterval(p.medianIntervalSeconds);
  if (p.regularity === null)
    return p.count === 2 ? `twice, ${interval} apart` : `in 2 bursts, ${interval} apart`;
  return p.regularity >= REGULAR_FROM
    ? `every ~${formatInterval(approximately(p.medianIntervalSeconds))}`
    : `irregular (median ${interval})`;
}
