/**
 * What each log kind means, in one line each. The wording stays within
 * docs/sources.md#certificates:
 * the leaf-certificate message is known and judged benign (cause undocumented); trust failures are
 * what an interception of the push link produced.
 */
import type { LogKind, Periodicity } from '../../shared/snapshot';
import { formatInterval, formatWhen } from './format';

export type KindSeverity = 'benign' | 'serious' | 'info';

export interface KindInfo {
  label: string;
  severity: KindSeverity;
  meaning: string;
}

export const LOG_KIND_INFO: Record<LogKind, KindInfo> = {
  'trust-failure': {
    label: 'Trust failures',
    severity: 'serious',
    meaning:
      'apsd could not verify the certificate it was shown. This is what an interception of the push link looks like.',
  },
  'leaf-certificate': {
    label: 'Unrecognized leaf certificate',
    severity: 'benign',
    meaning:
      'A known message, seen for years alongside FIN_WAIT_1 pile-ups and judged benign; on its own it is not a sign of interception.',
  },
  connection: {
    label: 'Connection events',
    severity: 'info',
    meaning: 'apsd connecting, reconnecting or closing its link to Apple.',
  },
  other: {
    label: 'Other apsd lines',
    severity: 'info',
    meaning: 'Not classified; kept for context.',
  },
};

/** Serious first, so a trust failure is never below the fold. */
export const LOG_KIND_ORDER: readonly LogKind[] = [
  'trust-failure',
  'leaf-certificate',
  'connection',
  'other',
];

/** A regularity below this reads as "irregular" rather than "every ~N min". */
const REGULAR_ENOUGH = 0.5;

/** "every ~90 min since 09:12", "once, at 14:02", "irregular, median gap ~38 min, since 09:12". */
export function describePeriodicity(periodicity: Periodicity, now: string | number): string {
  const { count, firstSeen, medianIntervalSeconds, regularity } = periodicity;
  if (count === 0 || !firstSeen) return 'not seen';
  const since = formatWhen(firstSeen, now);
  if (count === 1) return `once, at ${since}`;
  if (medianIntervalSeconds === null) return `${count} times since ${since}`;
  const gap = formatInterval(medianIntervalSeconds);
  if (regularity !== null && regularity >= REGULAR_ENOUGH) return `every ${gap} since ${since}`;
  return `irregular, median gap ${gap}, since ${since}`;
}
