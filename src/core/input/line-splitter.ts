/**
 * Cuts a byte stream into complete lines, holding a partial last line until its newline arrives,
 * and dropping (and counting) lines too long to be a log message rather than buffering them.
 */
import { INPUT_LIMITS } from './input-limits';

const NEWLINE = 0x0a;

export class LineSplitter {
  /** Lines longer than INPUT_LIMITS.lineBytes, dropped. */
  oversize = 0;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private tooLong = false;

  /** The complete lines in `chunk` (with what was held before it), without their newlines. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      this.hold(chunk.subarray(start, end));
      const line = this.release();
      if (line !== null) lines.push(line);
      start = end + 1;
    }
    if (start < chunk.length) this.hold(chunk.subarray(start));
    return lines;
  }

  /** True while part of a line is held. */
  get pending(): boolean {
    return this.heldBytes > 0 || this.tooLong;
  }

  /** The held partial line as a line of its own: its file ended or was replaced. */
  flush(): string | null {
    return this.pending ? this.release() : null;
  }

  private hold(bytes: Buffer): void {
    this.heldBytes += bytes.length;
    if (this.tooLong || bytes.length === 0) return;
    if (this.heldBytes > INPUT_LIMITS.lineBytes) {
      this.tooLong = true;
      this.held = [];
    } else this.held.push(Buffer.from(bytes));
  }

  private release(): string | null {
    const tooLong = this.tooLong;
    const bytes = this.held.length === 1 ? this.held[0]! : Buffer.concat(this.held);
    this.held = [];
    this.heldBytes = 0;
    this.tooLong = false;
    if (tooLong) {
      this.oversize++;
      return null;
    }
    const end =
      bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return bytes.toString('utf8', 0, end);
  }
}
