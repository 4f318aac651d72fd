/**
 * How regularly a kind of line recurs, as figures (median gap, regularity); the words for them
 * live in src/shared/periodicity-text.ts.
 */
import type { Periodicity } from '../../../shared/snapshot';

/** Lines closer together than this are one episode (a trust failure logs five lines at once). */
const EPISODE_GAP_MS = 60_000;

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
