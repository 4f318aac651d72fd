/**
 * The one place push tokens are removed from text. `apsctl status` prints every client's token;
 * the reader keeps only "has a token: yes/no", and anything else that leaves this module (a kept
 * value, a CI artifact of a real capture) passes through scrubTokens first. Used by the reader,
 * the macOS test that writes the CI artifact, and `apsd-watch services --raw-scrubbed`.
 */

/** What replaces a removed token; also the marker tests look for. */
export const TOKEN_REMOVED = '[token removed]';

/** `token:` labels (any indentation, any case, "push token", "device token"): the whole value goes. */
const TOKEN_LABEL = /^(\s*[^:\n]*\btoken\b[^:\n]*:)[^\n]*$/gim;
/** NSData descriptions: `{length = 32, bytes = 0x1234abcd ... 5678ef01}` and `<1234abcd 5678ef01>`. */
const DATA_BRACES = /\{\s*length\s*=\s*\d+\s*,\s*bytes\s*=[^}\n]*\}?/gi;
const DATA_ANGLES = /<\s*[0-9a-f]{2,}(?:\s+[0-9a-f]{2,})*\s*>/gi;
/**
 * Runs of hex digits, alone or in groups split by spaces or `...` (how NSData shortens itself),
 * with 16 or more digits in all and a letter among them (or 32 digits: a decimal timestamp is
 * kept, a token is random hex): no status word, date, host or topic name has such a run. Dashes do
 * not join groups, so a topic's UUID (8-4-4-4-12) is kept.
 */
const HEX_RUN = /(?:0x)?[0-9a-f]{2,}(?:(?:[ \t]|\.\.\.|…)+(?:0x)?[0-9a-f]{2,})*/gi;
/** Base64 tokens: 40+ characters of the base64 alphabet, unless made of CamelCase words (a path). */
const BASE64_RUN = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={0,2}(?![A-Za-z0-9+/=])/g;

/** `System/Library/PrivateFrameworks`: words and slashes, which random base64 is not. */
const WORDS_ONLY = /^\/?(?:[A-Z]?[a-z]+)+(?:\/(?:[A-Z]?[a-z]+)+)*\/?$/;

function looksLikeToken(run: string): boolean {
  const digits = run.replace(/0x/gi, '').replace(/[^0-9a-f]/gi, '');
  return digits.length >= 32 || (digits.length >= 16 && /[a-f]/i.test(digits));
}

/** Whether a token label's value says a token exists: `Yes, {...}` / `Missing` / `No`. */
export function tokenPresence(value: string): boolean | null {
  const word = value.trim().toLowerCase();
  if (/^(missing|no|none|\(null\)|null)\b/.test(word)) return false;
  if (/^yes\b/.test(word) || /[0-9a-f]{8}/.test(word)) return true;
  return null;
}

/**
 * Text with every push token removed. A `token:` line keeps its label and says yes or missing;
 * data blobs and long hex or base64 runs anywhere become TOKEN_REMOVED. Idempotent.
 */
export function scrubTokens(text: string): string {
  return (
    text
      .replace(TOKEN_LABEL, (_line, label: string) => {
        const value = _line.slice(label.length);
        const present = tokenPresence(value);
        const said =
          present === null ? TOKEN_REMOVED : present ? `Yes, ${TOKEN_REMOVED}` : 'Missing';
        return `${label} ${said}`;
      })
      .replace(DATA_BRACES, TOKEN_REMOVED)
      .replace(DATA_ANGLES, TOKEN_REMOVED)
      // Base64 first: a hex pass would cut a base64 token into pieces too short to match.
      .replace(BASE64_RUN, (run) => (WORDS_ONLY.test(run) ? run : TOKEN_REMOVED))
      .replace(HEX_RUN, (run) => (looksLikeToken(run) ? TOKEN_REMOVED : run))
  );
}
