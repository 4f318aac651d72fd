/**
 * Splits one top-level JSON array (`log show --style json`) into its elements as they stream in,
 * so a multi-gigabyte export never has to be held, or JSON.parse'd, as a whole. One element
 * pasted alone, without its array (`{ ... }` over many lines), is that one element.
 */
import { INPUT_LIMITS } from '../../input/input-limits';

export interface JsonArrayHandlers {
  /** One complete element's bytes (at most INPUT_LIMITS.lineBytes). */
  element(bytes: Buffer): void;
  /** An element longer than INPUT_LIMITS.lineBytes was skipped. */
  oversize(): void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;

function isSpace(byte: number): boolean {
  // JSON whitespace plus a UTF-8 byte-order mark's bytes before the array.
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte >= 0xbb;
}

export class JsonArraySplitter {
  private state: 'before' | 'between' | 'inside' | 'done' | 'invalid' = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: Buffer[] = [];
  private partBytes = 0;
  private skipping = false;
  /** The input is one object, not an array: its end is the end. */
  private lone = false;

  constructor(private readonly handlers: JsonArrayHandlers) {}

  /** False once the input is known not to be a JSON array; the caller can stop reading. */
  get viable(): boolean {
    return this.state !== 'invalid';
  }

  push(chunk: Buffer): void {
    let start = this.state === 'inside' ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.state === 'inside') {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (byte === BACKSLASH) this.escaped = true;
          else if (byte === QUOTE) this.inString = false;
          continue;
        }
        if (byte === QUOTE) this.inString = true;
        else if (byte === OPEN_CURLY || byte === OPEN_SQUARE) this.depth++;
        else if (byte === CLOSE_CURLY || byte === CLOSE_SQUARE) {
          if (this.depth === 0) {
            // A scalar element ends at the array's closing bracket.
            this.finishElement(chunk.subarray(start, i));
            this.state = 'done';
            continue;
          }
          this.depth--;
          if (this.depth === 0) this.finishElement(chunk.subarray(start, i + 1));
        } else if (byte === COMMA && this.depth === 0) this.finishElement(chunk.subarray(start, i));
        continue;
      }
      if (isSpace(byte)) continue;
      if (this.state === 'before') {
        if (byte === OPEN_CURLY) {
          this.lone = true;
          this.state = 'inside';
          start = i;
          this.depth = 1;
          continue;
        }
        this.state = byte === OPEN_SQUARE ? 'between' : 'invalid';
        if (this.state === 'invalid') return;
      } else if (this.state === 'between') {
        if (byte === CLOSE_SQUARE) this.state = 'done';
        else if (byte !== COMMA) {
          this.state = 'inside';
          start = i;
          this.depth = byte === OPEN_CURLY || byte === OPEN_SQUARE ? 1 : 0;
          this.inString = byte === QUOTE;
        }
      }
    }
    if (this.state === 'inside') this.keep(chunk.subarray(start));
  }

  /** Null when the array closed properly, else what went wrong, in words. */
  end(): string | null {
    if (this.state === 'before' || this.state === 'invalid') return 'no JSON array found';
    if (this.state === 'done') return null;
    return this.state === 'inside' ? 'ends inside a record' : 'the array is not closed';
  }

  private keep(bytes: Buffer): void {
    this.partBytes += bytes.length;
    if (this.skipping) return;
    if (this.partBytes > INPUT_LIMITS.lineBytes) {
      this.skipping = true;
      this.parts = [];
      return;
    }
    this.parts.push(Buffer.from(bytes));
  }

  private finishElement(tail: Buffer): void {
    const total = this.partBytes + tail.length;
    if (this.skipping || total > INPUT_LIMITS.lineBytes) this.handlers.oversize();
    else this.handlers.element(this.parts.length ? Buffer.concat([...this.parts, tail]) : tail);
    this.parts = [];
    this.partBytes = 0;
    this.skipping = false;
    this.state = this.lone ? 'done' : 'between';
  }
}
