/**
 * Splits decompressed log bytes into lines but decodes only the ones that can matter: lines that
 * contain a watched process name (found with Buffer.indexOf, no per-byte JavaScript), lines
 * after a watched message while the reader asks for follow-ups (continuations, repeats), and
 * every line that does not start like a dated record. A dated line without a watched name is
 * another process's record: it is counted from its shape, never decoded. Every line is counted;
 * oversize and binary lines are counted and skipped.
 */
import { INPUT_LIMITS } from '../../input/input-limits';

export interface CandidateLineHandler {
  /** A decoded line; numbers start at 1. */
  line(text: string, lineNumber: number): void;
  /** A dated line holding no watched name, not decoded. */
  undecoded(lineNumber: number): void;
  /** A line skipped whole: longer than INPUT_LIMITS.lineBytes, or not text. */
  broken(reason: 'oversize' | 'binary', lineNumber: number): void;
  /** True while the line after the last one fed must be decoded, whatever it contains. */
  wantsFollowUp(): boolean;
}

const NEWLINE = 0x0a;
const NOT_FOUND = Number.POSITIVE_INFINITY;
/** The first lines are always decoded, so a file's formats are known even without a watched name. */
const ALWAYS_DECODED = 64;

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const isUpper = (b: number | undefined) => b !== undefined && b >= 0x41 && b <= 0x5a;
const isLower = (b: number | undefined) => b !== undefined && b >= 0x61 && b <= 0x7a;

/**
 * `May  7 21:54:23 ...`, `2025-08-09 10:11:55...` / `...T...`, or a one-line JSON record:
 * the shapes of a record's first line in the line formats read.
 */
export function looksLikeRecordStart(bytes: Buffer, start: number, end: number): boolean {
  if (end - start < 17) return false;
  const b = (i: number) => bytes[start + i];
  if (b(0) === 0x7b)
    return bytes[end - 1] === 0x7d || (bytes[end - 1] === 0x0d && bytes[end - 2] === 0x7d);
  if (isUpper(b(0)))
    return (
      isLower(b(1)) &&
      isLower(b(2)) &&
      b(3) === 0x20 &&
      isDigit(b(5)) &&
      b(6) === 0x20 &&
      b(9) === 0x3a &&
      b(12) === 0x3a &&
      b(15) === 0x20
    );
  return (
    isDigit(b(0)) &&
    isDigit(b(3)) &&
    b(4) === 0x2d &&
    b(7) === 0x2d &&
    (b(10) === 0x20 || b(10) === 0x54) &&
    b(13) === 0x3a &&
    b(16) === 0x3a
  );
}

export class CandidateLineReader {
  lines = 0;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private carryTooLong = false;
  private follow = false;

  constructor(
    private readonly needles: readonly Buffer[],
    private readonly handler: CandidateLineHandler,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    if (this.carryBytes > 0 || this.carryTooLong) {
      const end = chunk.indexOf(NEWLINE);
      if (end === -1) {
        this.keep(chunk);
        return;
      }
      this.keep(chunk.subarray(0, end));
      this.finishCarried();
      start = end + 1;
    }
    let nextHit = this.findNeedle(chunk, start);
    let nextNul = indexOrInfinity(chunk, 0, start);
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) break;
      this.lines++;
      if (nextHit < start) nextHit = this.findNeedle(chunk, start);
      if (nextNul < start) nextNul = indexOrInfinity(chunk, 0, start);
      if (end - start > INPUT_LIMITS.lineBytes) this.skip('oversize');
      else if (nextNul < end) this.skip('binary');
      else this.route(chunk, start, end, nextHit < end);
      start = end + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** Reads a last line that has no newline after it. */
  end(): void {
    if (this.carryBytes > 0 || this.carryTooLong) this.finishCarried();
  }

  private finishCarried(): void {
    this.lines++;
    const line = this.carryTooLong ? null : Buffer.concat(this.carry);
    this.carry = [];
    this.carryBytes = 0;
    this.carryTooLong = false;
    if (line === null) this.skip('oversize');
    else if (line.includes(0)) this.skip('binary');
    else this.route(line, 0, line.length, this.findNeedle(line, 0) !== NOT_FOUND);
  }

  private route(bytes: Buffer, start: number, end: number, named: boolean): void {
    if (
      named ||
      this.follow ||
      this.lines <= ALWAYS_DECODED ||
      !looksLikeRecordStart(bytes, start, end)
    )
      this.feed(bytes, start, end);
    else this.handler.undecoded(this.lines);
  }

  private keep(bytes: Buffer): void {
    this.carryBytes += bytes.length;
    if (this.carryTooLong) return;
    if (this.carryBytes > INPUT_LIMITS.lineBytes) {
      this.carryTooLong = true;
      this.carry = [];
    } else this.carry.push(Buffer.from(bytes));
  }

  private feed(bytes: Buffer, start: number, end: number): void {
    const stop = end > start && bytes[end - 1] === 0x0d ? end - 1 : end;
    const text = bytes.toString('utf8', start, stop);
    if (text.includes('\uFFFD')) {
      this.skip('binary');
      return;
    }
    this.handler.line(text, this.lines);
    this.follow = this.handler.wantsFollowUp();
  }

  private skip(reason: 'oversize' | 'binary'): void {
    this.handler.broken(reason, this.lines);
    this.follow = false;
  }

  private findNeedle(bytes: Buffer, from: number): number {
    let best = NOT_FOUND;
    for (const needle of this.needles) {
      const at = bytes.indexOf(needle, from);
      if (at !== -1 && at < best) best = at;
    }
    return best;
  }
}

function indexOrInfinity(bytes: Buffer, value: number, from: number): number {
  const at = bytes.indexOf(value, from);
  return at === -1 ? NOT_FOUND : at;
}
