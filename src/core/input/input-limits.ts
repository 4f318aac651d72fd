/**
 * The caps on what one input (a file, a pipe, standard input) may cost: the one place they are
 * set, and what docs/formats.md states about inputs. Past a cap the reader stops and says so.
 */
const MiB = 1024 * 1024;

export const INPUT_LIMITS = {
  /** A saved socket table (`analyze-netstat`): 10,000 rows are about 2 MB. */
  captureBytes: 256 * MiB,
  /** Bytes decoded from one log file or archive (after gunzip): bounds a gzip bomb. */
  decodedBytesPerFile: 2048 * MiB,
  /** The start of a saved capture checked for binary data (/dev/zero, an image) before reading. */
  binarySniffBytes: 64 * 1024,
  /** Longer lines are skipped and counted, never buffered. */
  lineBytes: 64 * 1024,
  /** Lines read from one file; later lines are counted as not read. */
  linesPerFile: 20_000_000,
} as const;

/** "256 MiB", "64 KiB": a cap in the words a warning uses. */
export function describeBytes(bytes: number): string {
  if (bytes >= MiB) return `${Math.round(bytes / MiB)} MiB`;
  return `${Math.round(bytes / 1024)} KiB`;
}
