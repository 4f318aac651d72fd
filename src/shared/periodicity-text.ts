/**
 * How regularly a kind of log line recurs, in words: the one wording and the one threshold the
 * verdict, CLI, popover, report and explainer all use, so no face calls a series regular that
 * another calls irregular. The Ask Different report saw "Unrecognized leaf certificate" every ~90
 * minutes (docs/sources.md#the-question-behind-the-app); this says whether this Mac shows a rhythm.
 */
import { formatClock, formatDuration, type TimeInput } from './format';
import type { Periodicity } from './snapshot';

/**
 * From this regularity (1 - coefficient of variation of the gaps) on, the gaps are steady enough to
 * say "every ~N": at 0.6 the gaps' spread is under 40% of their mean.
 */
export const REGULAR_FROM = 0.6;

/** Whether the gaps are steady enough to say "every ~N"; null when there are too few to tell. */
export function isRegular(p: Periodicity): boolean | null {
  return p.regularity === null ? null : p.regularity >= REGULAR_FROM;
}

/** A round figure for "every ~N": 88 min and 92 min both read "every ~1 h 30 min". */
function approximately(seconds: number): number {
  const step = seconds < 90 ? 5 : seconds < 20 * 60 ? 60 : seconds < 120 * 60 ? 300 : 1800;
  return Math.max(step, Math.round(seconds / step) * step);
}

/**
 * The rhythm alone, worded to sit beside the count: "every ~1 h 30 min", "irregular, median gap
 * 41 min", "1 h 30 min apart" (two lines), "in 2 bursts, 3 h apart", "within a minute", "once".
 */
export function describeRhythm(p: Periodicity): string {
  if (p.count === 0) return 'not seen';
  if (p.medianIntervalSeconds === null) return p.count === 1 ? 'once' : 'within a minute';
  const gap = formatDuration(p.medianIntervalSeconds);
  const regular = isRegular(p);
  if (regular === null) return p.count === 2 ? `${gap} apart` : `in 2 bursts, ${gap} apart`;
  return regular
    ? `every ~${formatDuration(approximately(p.medianIntervalSeconds))}`
    : `irregular, median gap ${gap}`;
}

/**
 * The rhythm with when it was seen, as every face prints it beside a kind's count:
 * "every ~1 h 30 min, first 09:12, last 20:00", "once, at 14:02", "within a minute, at 14:02".
 */
export function describeSeen(p: Periodicity, now: TimeInput): string {
  if (p.count === 0 || !p.firstSeen) return 'not seen';
  const first = formatClock(p.firstSeen, now);
  if (p.count === 1 || !p.lastSeen) return `once, at ${first}`;
  if (p.medianIntervalSeconds === null) return `within a minute, at ${first}`;
  return `${describeRhythm(p)}, first ${first}, last ${formatClock(p.lastSeen, now)}`;
}
