/**
 * `apsd-watch analyze-netstat <file>`: a saved socket table of any supported kind, recognised by
 * its header, so a user can paste what they ran (macOS netstat of any era, lsof -i, Linux ss or
 * /proc/net/tcp, or nettop CSV) without saying which it is. Read line by line: a capture of any
 * size streams through, and only the rows' tallies stay in memory.
 */
import type { SocketRow } from '../../shared/snapshot';
import { INPUT_LIMITS } from '../input/input-limits';
import { lsofReader } from './lsof-parse';
import { netstatReader } from './netstat-parse';
import { nettopReader } from './nettop-parse';
import { procNetTcpReader } from './proc-net-tcp-parse';
import {
  unusableReason,
  type LineTally,
  type ReaderFactory,
  type TableReader,
} from './socket-parse-result';
import { ssReader } from './ss-parse';
import { forEachLine } from './text-table';

/** A capture that is not a socket table at all; `message` is one line. */
export class SocketCaptureError extends Error {
  override name = 'SocketCaptureError';
}

export interface CaptureSummary {
  format: string;
  warnings: string[];
  lines: LineTally;
}

export interface SocketCapture extends CaptureSummary {
  rows: SocketRow[];
}

const EXPECTED =
  'expected the output of netstat -an/-anv (macOS), lsof -i, ss -tan, /proc/net/tcp or nettop';

/** In the order a format is tried; the first to recognise a header (or a row) reads the rest. */
const READERS: readonly ReaderFactory[] = [
  netstatReader,
  lsofReader,
  ssReader,
  procNetTcpReader,
  nettopReader,
];

const BINARY_SAMPLE = INPUT_LIMITS.binarySniffBytes;

/** True when the text looks like binary data: NUL bytes or mostly control characters. */
function looksBinary(sample: string): boolean {
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control > sample.length / 10;
}

/** Throws SocketCaptureError when the start of a capture is binary data. */
export function assertTextStart(sample: string): void {
  if (looksBinary(sample))
    throw new SocketCaptureError(`the capture is binary data, not text; ${EXPECTED}`);
}

/** Feeds lines to every reader until one recognises the table, then to that one alone. */
export class SocketCaptureReader {
  private readonly readers: TableReader[];
  private chosen: TableReader | null = null;
  private sample = '';
  private nonBlank = 0;

  constructor(onRow: (row: SocketRow) => void) {
    this.readers = READERS.map((create) => {
      const reader: TableReader = create((row) => {
        this.chosen ??= reader;
        if (this.chosen === reader) onRow(row);
      });
      return reader;
    });
  }

  line(text: string, start: number, end: number, lineNumber: number): void {
    if (this.sample.length < BINARY_SAMPLE)
      this.sample += text.slice(start, Math.min(end, start + BINARY_SAMPLE)) + '\n';
    if (this.nonBlank === 0 && text.slice(start, end).trim() !== '') this.nonBlank++;
    if (this.chosen) return this.chosen.line(text, start, end, lineNumber);
    for (const reader of this.readers) {
      reader.line(text, start, end, lineNumber);
      if (!this.chosen && reader.format !== null) this.chosen = reader;
    }
  }

  /** Throws at once when the start of the capture is binary data (so reading can stop early). */
  assertText(): void {
    assertTextStart(this.sample);
  }

  /** The capture's format and warnings; throws a one-line SocketCaptureError when it is none. */
  finish(): CaptureSummary {
    this.assertText();
    if (this.nonBlank === 0) throw new SocketCaptureError(`the capture is empty; ${EXPECTED}`);
    if (!this.chosen)
      throw new SocketCaptureError(`no socket table found in the capture; ${EXPECTED}`);
    const result = this.chosen.finish();
    const problem = unusableReason(result, result.format ?? 'capture');
    if (problem) throw new SocketCaptureError(problem);
    return { format: result.format as string, warnings: result.warnings, lines: result.lines };
  }
}

/** Recognises and parses a saved socket table held in memory; throws SocketCaptureError. */
export function parseSocketCapture(text: string): SocketCapture {
  const rows: SocketRow[] = [];
  const reader = new SocketCaptureReader((row) => rows.push(row));
  forEachLine(text, (start, end, lineNumber) => reader.line(text, start, end, lineNumber));
  return { rows, ...reader.finish() };
}
