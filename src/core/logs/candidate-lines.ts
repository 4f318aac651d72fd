/**
 * Splits decompressed log bytes into lines but decodes only the few that can matter: lines that
 * contain a watched process name (found with Buffer.indexOf, no per-byte JavaScript) and the lines
 * right after them while the parser asks for follow-ups (syslog continuations and repeats).
 * Every line is still counted, and oversize or binary lines are counted and skipped.
 */
import { MAX_RECORD_BYTES } from './log-common';

export interface CandidateLineHandler {
  line(text: string): void;
  /** Lines were left out since the previous `line` call. */
  gap(): void;
  /** True while the line after the last one fed must be fed too, whatever it contains. */
  wantsFollowUp(): boolean;
}

const NEWLINE = 0x0a;
const NOT_FOUND = Number.POSITIVE_INFINITY;

export class CandidateLineReader {
  lines = 0;
  /** Lines longer than MAX_RECORD_BYTES, skipped. */
  oversize = 0;
  /** Lines holding NUL bytes or invalid UTF-8, skipped. */
  binary = 0;
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private carryTooLong = false;
  private skipped = false;
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
      if (end - start > MAX_RECORD_BYTES) this.skip('oversize');
      else if (nextNul < end) this.skip('binary');
      else if (nextHit < end || this.follow) this.feed(chunk, start, end);
      else this.skipped = true;
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
    else if (this.follow || this.findNeedle(line, 0) !== NOT_FOUND) this.feed(line, 0, line.length);
    else this.skipped = true;
  }

  private keep(bytes: Buffer): void {
    this.carryBytes += bytes.length;
    if (this.carryTooLong) return;
    if (this.carryBytes > MAX_RECORD_BYTES) {
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
    if (this.skipped) this.handler.gap();
    this.skipped = false;
    this.handler.line(text);
    this.follow = this.handler.wantsFollowUp();
  }

  private skip(reason: 'oversize' | 'binary'): void {
    this[reason]++;
    this.skipped = true;
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
