/**
 * Allocation-light scanning of whitespace-separated tables: lines are walked by offset and split
 * into token offsets once, and only the tokens a parser keeps become strings. A 10k-row macOS
 * table must parse in under 10 ms, so no per-row regex and no per-token substring.
 */

/** Longer lines are not socket rows (binary junk, a pasted blob): skipped, never scanned. */
export const MAX_LINE_LENGTH = 4096;
const MAX_TOKENS = 64;

/** Calls `visit(start, end, lineNumber)` for each line of `text`; `end` excludes the newline. */
export function forEachLine(
  text: string,
  visit: (start: number, end: number, lineNumber: number) => void,
): void {
  let start = 0;
  let lineNumber = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    visit(start, end, lineNumber++);
    start = end + 1;
  }
}

/** One line split into token offsets; reused from row to row of one text. */
export class TokenLine {
  readonly starts = new Int32Array(MAX_TOKENS);
  readonly ends = new Int32Array(MAX_TOKENS);
  count = 0;
  /** Tool output separates columns with spaces; a pasted capture may use tabs (slower path). */
  private hasTabs = false;
  text = '';

  constructor(text = '') {
    this.bind(text);
  }

  /** Points the splitter at another text (the next chunk of a streamed capture). */
  bind(text: string): void {
    if (text === this.text && text !== '') return;
    this.text = text;
    this.hasTabs = text.includes('\t');
  }

  /** Splits text[start, end) on blanks; false when the line has more tokens than any table. */
  split(start: number, end: number): boolean {
    const text = this.text;
    this.count = 0;
    while (end > start && text.charCodeAt(end - 1) <= 32) end--; // trailing blanks and \r
    let i = start;
    while (i < end) {
      let c = text.charCodeAt(i);
      while (c === 32 || c === 9) c = text.charCodeAt(++i);
      if (this.count === MAX_TOKENS) return false;
      this.starts[this.count] = i;
      if (this.hasTabs) {
        while (i < end && c !== 32 && c !== 9) c = text.charCodeAt(++i);
      } else {
        i = text.indexOf(' ', i);
        if (i < 0 || i > end) i = end;
      }
      this.ends[this.count++] = i;
    }
    return true;
  }

  token(index: number): string {
    return this.text.slice(this.starts[index], this.ends[index]);
  }

  length(index: number): number {
    return (this.ends[index] as number) - (this.starts[index] as number);
  }

  equals(index: number, value: string): boolean {
    const start = this.starts[index] as number;
    return this.length(index) === value.length && this.text.startsWith(value, start);
  }

  startsWith(index: number, value: string): boolean {
    return this.length(index) >= value.length && this.text.startsWith(value, this.starts[index]);
  }

  /** The token as a non-negative decimal integer, or -1 when it is not one. */
  uint(index: number): number {
    return parseDecimal(this.text, this.starts[index] as number, this.ends[index] as number);
  }
}

/** text[start, end) as a non-negative decimal integer (at most 15 digits), or -1. */
export function parseDecimal(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** text[start, end) as hexadecimal (at most 13 digits), or -1. */
export function parseHex(text: string, start: number, end: number): number {
  if (end <= start || end - start > 13) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const digit =
      c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/** Counts unreadable rows and turns them into one warning with the first example's line. */
export class SkippedRows {
  count = 0;
  private firstLine = 0;
  private firstReason = '';

  skip(lineNumber: number, reason: string): void {
    if (this.count++ === 0) {
      this.firstLine = lineNumber;
      this.firstReason = reason;
    }
  }

  /** One line for the user, or null when nothing was skipped. */
  warning(source: string): string | null {
    if (this.count === 0) return null;
    const rows = this.count === 1 ? '1 unreadable row' : `${this.count} unreadable rows`;
    return `${source}: skipped ${rows} (first at line ${this.firstLine}: ${this.firstReason})`;
  }

  /** The first problem, for an error when no row at all could be read. */
  get example(): string | null {
    return this.count === 0 ? null : `line ${this.firstLine}: ${this.firstReason}`;
  }
}
