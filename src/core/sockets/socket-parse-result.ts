/** What every socket-table parser returns, and the one rule for when a table is unusable. */
import type { SocketRow } from '../../shared/snapshot';

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
}

/**
 * Why a parse result cannot be trusted as a sample, in one line, or null when it can: no known
 * header at all, or rows that were all unreadable (garbled output, not an empty machine).
 */
export function unusableReason(result: SocketParseResult, what: string): string | null {
  if (result.format === null) return `${what}: no socket table found`;
  if (result.rows.length === 0 && result.skippedRows > 0)
    return `${what}: none of ${result.skippedRows} rows could be read (${result.firstProblem})`;
  return null;
}
