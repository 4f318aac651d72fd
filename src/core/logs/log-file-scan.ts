/**
 * `scan-logs`: reads saved logs (system.log, rotated system.log.N.gz, `log show` ndjson/json
 * exports) into events. Files are read in parallel, gzip is inflated on libuv's thread pool, and
 * only lines holding a watched process name are decoded, so a week of archives reads faster than
 * `zgrep apsd` does.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { LogEvent } from '../../shared/snapshot';
import { DEFAULT_LOG_PROCESSES } from './log-common';
import { readLogFile, type FileReport, type FileScan } from './log-file-read';
import { countOf } from '../../shared/format';

export interface ScanOptions {
  /** Process names to keep (default apsd). */
  processes?: readonly string[];
  /** Drop events older than this (epoch ms), e.g. a back-fill window. */
  sinceMs?: number;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Files read at once; default one per core. */
  concurrency?: number;
  /** Ends the scan at once (Ctrl-C): it rejects with InputAbortedError. */
  signal?: AbortSignal;
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
}

export type ScannedFile = FileReport;

export interface ScanResult {
  /** Oldest first. */
  events: LogEvent[];
  linesRead: number;
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
  const readerOptions = {
    processes: new Set(options.processes ?? DEFAULT_LOG_PROCESSES),
    sinceIso: options.sinceMs === undefined ? null : new Date(options.sinceMs).toISOString(),
  };
  const results: FileScan[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < paths.length; i = next++)
      results[i] = await readLogFile(paths[i]!, sizes[i]!, readerOptions, progress, {
        signal: options.signal,
        stdin: options.stdin,
      });
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), paths.length));
  await Promise.all(Array.from({ length: lanes }, lane));

  const files = results.map((r) => r.file);
  const warnings = files.flatMap((f) => (f.warning ? [f.warning] : []));
  const dated = results.filter((r) => r.yearInferred).map((r) => r.file.path);
  const events: LogEvent[] = [];
  for (const result of results) for (const event of result.events) events.push(event);
  if (dated.length) warnings.push(yearNote(dated));
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { events, linesRead: files.reduce((sum, f) => sum + f.lines, 0), files, warnings };
}

/** 0 for a file that cannot be read or a stream; reading it will say why. */
function sizeOf(path: string): Promise<number> {
  if (path === '-') return Promise.resolve(0);
  return stat(path).then(
    (info) => (info.isFile() ? info.size : 0),
    () => 0,
  );
}

/** Syslog lines carry no year or zone; the reader says how it dated them. */
function yearNote(paths: string[]): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const which = paths.length === 1 ? paths[0]! : countOf(paths.length, 'syslog file');
  return `${which}: syslog lines carry no year or time zone; years inferred from the file's modification time, times read as local time (${zone})`;
}
