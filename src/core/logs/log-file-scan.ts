/**
 * `scan-logs`: reads saved logs (system.log, rotated system.log.N.gz, `log show` ndjson/json
 * exports) into events. Files are read in parallel, gzip is inflated on libuv's thread pool, and
 * only lines holding a watched process name are decoded, so a week of archives reads faster than
 * `zgrep apsd` does.
 */
import type { ReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { LogEvent } from '../../shared/snapshot';
import { DEFAULT_LOG_PROCESSES, errorLine, formatCount, plural } from './log-common';
import {
  describeUnknown,
  detectLogFormat,
  DETECT_BYTES,
  isGzip,
  type LogFileFormat,
} from './log-format-detect';
import {
  createJsonReader,
  createNdjsonReader,
  createSyslogReader,
  type FormatReader,
  type ReaderOptions,
} from './log-format-readers';

export interface ScanOptions {
  /** Process names to keep (default apsd). */
  processes?: readonly string[];
  /** Drop events older than this (epoch ms), e.g. a back-fill window. */
  sinceMs?: number;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Files read at once; default one per core. */
  concurrency?: number;
}

export interface ScannedFile {
  path: string;
  /** `unreadable` when the file could not be opened; `warning` then says why. */
  format: LogFileFormat | 'unreadable';
  compressed: boolean;
  lines: number;
  events: number;
  warning?: string;
}

export interface ScanResult {
  /** Oldest first. */
  events: LogEvent[];
  linesRead: number;
  /** In the order given. */
  files: ScannedFile[];
  warnings: string[];
}

const CHUNK_BYTES = 1024 * 1024;
const READERS: Record<'syslog' | 'ndjson' | 'json', (o: ReaderOptions) => FormatReader> = {
  syslog: createSyslogReader,
  ndjson: createNdjsonReader,
  json: createJsonReader,
};
const CANNOT_READ: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
};

interface FileScan {
  file: ScannedFile;
  events: LogEvent[];
  yearInferred: boolean;
}

interface Opened {
  handle: FileHandle;
  size: number;
  mtimeMs: number;
}

async function openLog(path: string): Promise<Opened | string> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
    return { handle, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    await handle?.close().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return `${path}: cannot read: ${CANNOT_READ[code] ?? errorLine(error)}`;
  }
}

/** What stopped a stream early, in words fit for "<path>: <this>". */
function describeBreak(error: unknown, compressed: boolean, lines: number): string {
  const after = `after ${formatCount(lines)} lines`;
  const code = (error as NodeJS.ErrnoException).code;
  if (compressed && code === 'Z_BUF_ERROR') return `truncated ${after}`;
  if (compressed && typeof code === 'string' && code.startsWith('Z_'))
    return `corrupt ${after} (${errorLine(error)})`;
  return `read failed ${after} (${errorLine(error)})`;
}

async function scanFile(
  path: string,
  opened: Opened,
  options: ScanOptions,
  progress: (bytes: number) => void,
): Promise<FileScan> {
  const { handle, size } = opened;
  const readerOptions: ReaderOptions = {
    processes: new Set(options.processes ?? DEFAULT_LOG_PROCESSES),
    sinceIso: options.sinceMs === undefined ? null : new Date(options.sinceMs).toISOString(),
    referenceMs: opened.mtimeMs,
  };
  const problems: string[] = [];
  let compressed = false;
  let format: LogFileFormat = 'empty';
  let reader: FormatReader | null = null;
  let decided = false;
  let head: Buffer[] = [];
  let headBytes = 0;
  /** Detects the format from the first bytes; false when the rest is not worth reading. */
  const decide = (): boolean => {
    decided = true;
    const all = Buffer.concat(head);
    head = [];
    format = detectLogFormat(all);
    if (format === 'unknown') problems.push(describeUnknown(all));
    if (format !== 'syslog' && format !== 'ndjson' && format !== 'json') return false;
    reader = READERS[format](readerOptions);
    reader.push(all);
    return true;
  };
  let reported = 0;
  let raw: ReadStream | null = null;
  try {
    const magic = Buffer.alloc(2);
    await handle.read(magic, 0, 2, 0);
    compressed = isGzip(magic);
    raw = handle.createReadStream({ start: 0, highWaterMark: CHUNK_BYTES, autoClose: false });
    const source: Readable = compressed
      ? pipeline(raw, createGunzip({ chunkSize: CHUNK_BYTES }), () => {})
      : raw;
    for await (const chunk of source as AsyncIterable<Buffer>) {
      progress(raw.bytesRead - reported);
      reported = raw.bytesRead;
      if (decided) {
        (reader as FormatReader | null)?.push(chunk);
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= DETECT_BYTES && !decide()) break;
    }
  } catch (error) {
    // Everything decoded before the break is kept: read it, then say where it stopped.
    if (!decided && headBytes > 0) decide();
    const lines = (reader as FormatReader | null)?.lines ?? 0;
    problems.unshift(describeBreak(error, compressed, lines));
  } finally {
    raw?.destroy();
    await handle.close().catch(() => {});
    progress(size - reported);
  }
  if (!decided && headBytes > 0) decide();
  const done = reader as FormatReader | null;
  done?.end();
  if (done) problems.push(...done.problems());
  const file: ScannedFile = {
    path,
    format,
    compressed,
    lines: done?.lines ?? 0,
    events: done?.events.length ?? 0,
  };
  if (problems.length) file.warning = `${path}: ${problems.join('; ')}`;
  return { file, events: done?.events ?? [], yearInferred: done?.yearInferred ?? false };
}

export async function scanLogFiles(
  paths: readonly string[],
  options: ScanOptions = {},
): Promise<ScanResult> {
  const opened = await Promise.all(paths.map(openLog));
  const total = opened.reduce((sum, o) => sum + (typeof o === 'string' ? 0 : o.size), 0);
  let done = 0;
  const progress = (bytes: number) => {
    if (bytes <= 0) return;
    done += bytes;
    options.onProgress?.(done, total);
  };
  const results = new Array<FileScan | null>(paths.length).fill(null);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const o = opened[i]!;
      if (typeof o !== 'string') results[i] = await scanFile(paths[i]!, o, options, progress);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), paths.length));
  await Promise.all(Array.from({ length: lanes }, worker));

  const files: ScannedFile[] = [];
  const warnings: string[] = [];
  const events: LogEvent[] = [];
  const dated: string[] = [];
  paths.forEach((path, i) => {
    const o = opened[i]!;
    const result = results[i];
    if (typeof o === 'string' || !result) {
      const warning = typeof o === 'string' ? o : `${path}: cannot read`;
      files.push({ path, format: 'unreadable', compressed: false, lines: 0, events: 0, warning });
      warnings.push(warning);
      return;
    }
    files.push(result.file);
    if (result.file.warning) warnings.push(result.file.warning);
    if (result.yearInferred) dated.push(path);
    for (const event of result.events) events.push(event);
  });
  if (dated.length) warnings.push(yearNote(dated));
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { events, linesRead: files.reduce((sum, f) => sum + f.lines, 0), files, warnings };
}

/** Syslog lines carry no year or zone; the reader says how it dated them. */
function yearNote(paths: string[]): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const which = paths.length === 1 ? paths[0]! : plural(paths.length, 'syslog file');
  return `${which}: syslog lines carry no year or time zone; years inferred from the file's modification time, times read as local time (${zone})`;
}
