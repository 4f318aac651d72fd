/**
 * Hand redactions in pasted socket tables. People replace addresses, ports and pids with
 * placeholders before posting: `<my ip>`, `<local port>`, `apsd:<pid>`, `[redacted]`, `x.x.x.x`,
 * `XXX`, `***`, bullets. A placeholder stands for one value, whatever spaces it holds.
 */

/** The character a placeholder collapses to: one token, and a redaction mark itself. */
export const REDACTED_MARK = '\u2022';

/** `<...>` (no nesting), or `[...]` holding a letter no IPv6 address has or a space. */
const PLACEHOLDER = /<[^<>\n]{1,40}>|\[[^[\]\n]{0,40}[g-zG-Z\s][^[\]\n]{0,40}\]/g;

/**
 * The line with each `<...>`/`[word]` placeholder replaced by one bullet, so `<my ip>.<local
 * port>` reads as the single token `•.•`; the same line (no copy) when it holds none.
 */
export function collapsePlaceholders(line: string): string {
  if (!line.includes('<') && !line.includes('[')) return line;
  return line.replace(PLACEHOLDER, REDACTED_MARK);
}

/** Words people write in place of a value. */
const REDACTION_WORDS = /^(redacted|hidden|private|removed|censored|masked|anonymi[sz]ed)$/i;

/**
 * True when a host, port or pid was replaced by hand: made only of bullets, `x`/`X`, `*`, `#`
 * or `?` (with dots or colons between, as in `x.x.x.x`), or a word such as `redacted`.
 */
export function isRedaction(text: string): boolean {
  if (text === '') return false;
  if (REDACTION_WORDS.test(text)) return true;
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === REDACTED_MARK || c === 'x' || c === 'X' || c === '*' || c === '#' || c === '?')
      marks++;
    else if (c !== '.' && c !== ':' && c !== '_' && c !== '-') return false;
  }
  // A lone `*` is netstat's own wildcard, not a redaction.
  return marks > 0 && text !== '*' && text !== '*.*';
}

/** True when any part of a token carries a redaction mark (a bullet, or `**` as in `**.5223`). */
export function hasRedactionMark(text: string): boolean {
  return text.includes(REDACTED_MARK) || text.includes('**');
}
