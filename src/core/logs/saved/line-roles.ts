/**
 * Decides, line by line, what each line of a log text is: a record of one of the formats read, a
 * continuation of the record before it, a syslog repeat, framing (banners, prompts, fences...),
 * or a line not read. The format is chosen per line, never from the first line: a paste mixes a
 * prompt, banners and rows, and grep prefixes every line with the file it came from.
 */
import { framingOf, type FramingKind } from './framing-lines';
import { readRepeatLine } from '../lines/bsd-syslog';
import { LINE_FORMATS, type RecordTime, type TextRecord } from '../lines/line-formats';

export type LineClass =
  | { type: 'record'; record: TextRecord }
  | { type: 'continuation'; text: string }
  | { type: 'repeat'; count: number; time: RecordTime | null }
  | { type: 'framing'; kind: FramingKind }
  | { type: 'not-read' };

/** grep prefixes: `path:` or `path:12:` (with -n); the colon is looked for this far at most. */
const PREFIX_REACH = 1024;
/** Starts like a record but is none (a row cut short in a paste): not read, and no continuation. */
const DATED = /^(?:\d{4}-\d\d-\d\d[ T]\d\d:\d\d|[A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d )/;
const PREFIX_TRIES = 3;

function repeatOf(line: string): LineClass | null {
  const repeat = readRepeatLine(line);
  return repeat && { type: 'repeat', ...repeat };
}

export class LineClassifier {
  /** A record is open: an undated line that is not framing continues it. */
  private open = false;
  /** The format that matched last is tried first: files rarely change format. */
  private preferred = 0;
  /** The grep prefix seen last (`/var/log/system.log.0.gz:`), tried first. */
  private prefix: string | null = null;

  classify(line: string): LineClass {
    const direct = this.recordOrRepeat(line);
    if (direct) return direct;
    const framing = framingOf(line);
    if (framing) {
      this.open = false;
      return { type: 'framing', kind: framing };
    }
    const prefixed = this.unprefixed(line);
    if (prefixed) return prefixed;
    if (this.open && !DATED.test(line)) return { type: 'continuation', text: line };
    this.open = false;
    return { type: 'not-read' };
  }

  /** Another process's dated line, counted without decoding: its continuations are read too. */
  otherRecord(): void {
    this.open = true;
  }

  /** A line skipped whole (binary, oversize): what follows continues nothing known. */
  broken(): void {
    this.open = false;
  }

  private recordOrRepeat(line: string): LineClass | null {
    const record = this.record(line);
    if (record) {
      this.open = true;
      return { type: 'record', record };
    }
    const repeat = line.includes('--- last message repeated') ? repeatOf(line) : null;
    if (repeat) this.open = false;
    return repeat;
  }

  private record(line: string): TextRecord | null {
    const first = LINE_FORMATS[this.preferred]!.read(line);
    if (first) return first;
    for (let i = 0; i < LINE_FORMATS.length; i++) {
      if (i === this.preferred) continue;
      const record = LINE_FORMATS[i]!.read(line);
      if (record) {
        this.preferred = i;
        return record;
      }
    }
    return null;
  }

  /** A line behind a grep `path:` prefix: a record, a repeat or, in a record, its continuation. */
  private unprefixed(line: string): LineClass | null {
    if (this.prefix !== null && line.startsWith(this.prefix)) {
      const inner = line.slice(this.prefix.length);
      const found = this.recordOrRepeat(inner);
      if (found) return found;
      if (this.open && framingOf(inner) === null) return { type: 'continuation', text: inner };
    }
    let colon = line.indexOf(':');
    for (let tries = 0; colon > 0 && colon < PREFIX_REACH && tries < PREFIX_TRIES; tries++) {
      const found = this.recordOrRepeat(line.slice(colon + 1));
      if (found) {
        this.prefix = line.slice(0, colon + 1);
        return found;
      }
      colon = line.indexOf(':', colon + 1);
    }
    return null;
  }
}
