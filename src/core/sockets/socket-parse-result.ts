/** What every socket-table parser returns, and the one rule for when a table is unusable. */
import type { SocketRow } from '../../shared/snapshot';
import { forEachLine } from './text-table';

/** Every input line lands in exactly one count: rows read, other lines, lines not read. */
export interface LineTally {
  /** TCP rows read. */
  rows: number;
  /** Lines that are no TCP row and need none: headers, banners, prompts, UDP or UNIX sockets. */
  other: number;
  /** Lines that looked like TCP rows but could not be read (each has a reason in `warnings`). */
  notRead: number;
}

export interface SocketParseResult<Row extends SocketRow = SocketRow> {
  rows: Row[];
  /** The format read, e.g. `netstat-anv-26`, `ss-tanp`; null when no table this parser knows. */
  format: string | null;
  /** One line each: skipped rows (with an example line number), addresses that may be cut. */
  warnings: string[];
  /** Rows that looked like data but could not be read (already counted in `warnings`). */
  skippedRows: number;
  /** One line describing the first skipped row, for an error when nothing could be read. */
  firstProblem: string | null;
  lines: LineTally;
}

/** The result without its rows: what a streaming reader reports at the end. */
type TableSummary = Omit<SocketParseResult, 'rows'>;

/**
 * A parser fed one line at a time, so a capture of any size streams through it; rows go to the
 * `onRow` it was created with, and nothing else is kept per row.
 */
export interface TableReader {
  /** text[start, end) is one line without its newline, numbered from 1. */
  line(text: string, start: number, end: number, lineNumber: number): void;
  /** The format recognised so far; null until a header (or row) this reader knows. */
  readonly format: string | null;
  finish(): TableSummary;
}

export type ReaderFactory<Row extends SocketRow = SocketRow> = (
  onRow: (row: Row) => void,
) => TableReader;

/** Runs a reader over a whole text and collects its rows (the sampler's and the tests' path). */
export function parseWith<Row extends SocketRow>(
  create: ReaderFactory<Row>,
  text: string,
): SocketParseResult<Row> {
  const rows: Row[] = [];
  const reader = create((row) => rows.push(row));
  forEachLine(text, (start, end, lineNumber) => reader.line(text, start, end, lineNumber));
  return { rows, ...reader.finish() };
}

/** Counts lines as a reader sees them; `other` is what is neither a row nor skipped. */
export class LineCounter {
  total = 0;
  rows = 0;

  tally(notRead: number): LineTally {
    return { rows: this.rows, other: this.total - this.rows - notRead, notRead };
  }
}

/**
 * Why a parse result cannot be trusted as a sample, in one line, or null when it can: no known
 * header at all, or rows that were all unreadable (garbled output, not an empty machine).
 */
export function unusableReason(
  result: Pick<SocketParseResult, 'format' | 'skippedRows' | 'firstProblem' | 'lines'>,
  what: string,
): string | null {
  if (result.format === null) return `${what}: no socket table found`;
  if (result.lines.rows === 0 && result.skippedRows > 0)
    return `${what}: none of ${result.skippedRows} rows could be read (${result.firstProblem})`;
  return null;
}
