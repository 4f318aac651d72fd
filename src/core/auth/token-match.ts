/** One rule for checking a secret token, for the dashboard and the metrics endpoint alike. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Longer candidates are refused unread: no token of ours comes near this. */
const MAX_CANDIDATE_LENGTH = 512;

/** A constant-time comparison against `token`, whatever the candidate's length. */
export function createTokenMatcher(
  token: string,
): (candidate: string | null | undefined) => boolean {
  const expected = digest(token);
  return (candidate) => {
    if (typeof candidate !== 'string' || candidate.length === 0) return false;
    if (candidate.length > MAX_CANDIDATE_LENGTH) return false;
    // Equal-length digests keep timingSafeEqual's time independent of where the strings differ.
    return timingSafeEqual(digest(candidate), expected);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
