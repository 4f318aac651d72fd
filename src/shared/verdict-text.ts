/** The verdict as every face shows it: the level's word, the headline, then the other reasons. */
import type { Verdict, VerdictLevel } from './snapshot';

export const LEVEL_WORDS: Record<VerdictLevel, string> = {
  ok: 'OK',
  watch: 'Watch',
  alert: 'Alert',
};

/** The reasons not already said by the headline (the leading finding is often both). */
export function reasonsBelowHeadline(verdict: Verdict): string[] {
  return verdict.reasons.filter((reason) => reason !== verdict.headline);
}
