/**
 * `scan-logs`: reads saved logs (system.log and its .gz archives, `log show` output in any style,
 * Console copies, grep results, pastes) into events. Files are read in parallel, gzip is inflated
 * on libuv's thread pool, and only lines holding a watched process name are decoded, so a week of
 * archives reads faster than `zgrep apsd` does. Events stream out through `onEvents`; a scan
 * holds none of them.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { LogEvent } from '../../../shared/snapshot';
import { APSD_RULES } from '../../../shared/settings';
import { readLogFile, type FileReport, type FileScan } from './open-log-file';
import { countOf } from '../../../shared/format';

export interface ScanOptions {
  /** Process names to keep (default apsd). */
  processes?: readonly string[];
  /** Drop events older than this (epoch ms), e.g. a back-fill window. */
  sinceMs?: number;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Files read at once; default one per core. */
  concurrency?: number;
  /**
   * Receives events in batches as files are read (unordered across files). Without it, the
   * events are collected into `events`: only for small inputs, such as a few rotated archives.
   */
  onEvents?: (events: LogEvent[]) => void;
  /** Ends the scan at once (Ctrl-C): it rejects with InputAbortedError. */
  signal?: AbortSignal;
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
}

export type ScannedFile = FileReport;

export interface ScanResult {
  /** Oldest first; empty when `onEvents` was given. */
  events: LogEvent[];
  /** Lines read (records, continuations, framing), over all files. */
  linesRead: number;
  linesNotRead: number;
  /** The first line not read, in the order the files were given. */
  firstNotRead: { path: string; line: number; text: string } | null;
  /** In the order given. */
  files: ScannedFile[];
  warnings: string[];
}

export async function scanLogFiles(
  paths: readonly string[],
  options: ScanOptions = {},
): Promise<ScanResult> {
  // Sizes first, for the progress total; files are opened one per lane at a time, so a scan of
  // thousands of archives never holds thousands of descriptors.
  const sizes = await Promise.all(paths.map(sizeOf));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  let done = 0;
  const progress = (bytes: number) => {
    if (bytes <= 0) return;
    done += bytes;
    options.onProgress?.(done, total);
  };
  // Collected per file, so lines of the same second keep the order of the files given.
  const collected: LogEvent[][] = paths.map(() => []);
  const readerOptions = (i: number) => ({
    processes: new Set(options.processes ?? APSD_RULES.processes),
    sinceIso: options.sinceMs === undefined ? null : new Date(options.sinceMs).toISOString(),
    onEvents:
      options.onEvents ??
      ((events: LogEvent[]) => {
        for (const event of events) collected[i]!.push(event);
      }),
  });
  const results: FileScan[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < paths.length; i = next++)
      results[i] = await readLogFile(paths[i]!, sizes[i]!, readerOptions(i), progress, {
        signal: options.signal,
        stdin: options.stdin,
      });
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), paths.length));
  await Promise.all(Array.from({ length: lanes }, lane));

  const files = results.map((r) => r.file);
  const warnings = files.flatMap((f) => (f.warning ? [f.warning] : []));
  warnings.push(...datingNotes(results));
  const firstFile = files.find((f) => f.firstNotRead !== null);
  const firstNotRead = firstFile?.firstNotRead
    ? { path: firstFile.path, ...firstFile.firstNotRead }
    : null;
  const linesNotRead = files.reduce((sum, f) => sum + f.linesNotRead, 0);
  const events = collected.flat();
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return {
    events,
    linesRead: files.reduce((sum, f) => sum + f.lines, 0) - linesNotRead,
    linesNotRead,
    firstNotRead,
    files,
    warnings,
  };
}

/** 0 for a file that cannot be read or a stream; reading it will say why. */
function sizeOf(path: string): Promise<number> {
  if (path === '-') return Promise.resolve(0);
  return stat(path).then(
    (info) => (info.isFile() ? info.size : 0),
    () => 0,
  );
}

/** Lines that carry no year, no date or no zone: the readers say how they dated them. */
function datingNotes(results: readonly FileScan[]): string[] {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const which = (paths: string[], noun: string) =>
    paths.length === 1 ? paths[0]! : countOf(paths.length, noun);
  const pathsWith = (note: keyof FileScan['notes']) =>
    results.filter((r) => r.notes[note]).map((r) => r.file.path);
  const notes: string[] = [];
  const yearless = pathsWith('yearInferred');
  if (yearless.length)
    notes.push(
      `${which(yearless, 'syslog file')}: syslog lines carry no year or time zone; years inferred from the file's modification time, times read as local time (${zone})`,
    );
  const dateless = pathsWith('dateInferred');
  if (dateless.length)
    notes.push(
      `${which(dateless, 'file')}: Console copies carry no date; dated to the day of the file's modification time`,
    );
  const zoneless = pathsWith('zoneless');
  if (zoneless.length)
    notes.push(`${which(zoneless, 'file')}: times without a zone read as local time (${zone})`);
  return notes;
}
