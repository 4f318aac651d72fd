/**
 * Reads one saved log file for the scanner: opens it, inflates gzip on libuv's thread pool,
 * detects the format from the first decoded bytes and feeds a format reader. A break in the
 * middle (truncated or corrupt .gz, a read error) keeps everything decoded before it.
 */
import { Readable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import type { LogEvent } from '../../shared/snapshot';
import { salvageGzip } from './gzip-salvage';
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
import { errorLine } from '../../shared/error-line';
import { formatCount } from '../../shared/format';
import { INPUT_LIMITS, describeBytes } from '../input/input-limits';
import { InputAbortedError, InputError, openInput, type OpenedInput } from '../input/open-input';

export interface FileReport {
  path: string;
  /** `unreadable` when the file could not be opened; `warning` then says why. */
  format: LogFileFormat | 'unreadable';
  compressed: boolean;
  lines: number;
  events: number;
  warning?: string;
}

export interface FileScan {
  file: FileReport;
  events: LogEvent[];
  yearInferred: boolean;
}

const READERS: Record<'syslog' | 'ndjson' | 'json', (o: ReaderOptions) => FormatReader> = {
  syslog: createSyslogReader,
  ndjson: createNdjsonReader,
  json: createJsonReader,
};

const CHUNK_BYTES = 1024 * 1024;

export interface OpenOptions {
  /** Ends the read at once (Ctrl-C); the scan then rejects with InputAbortedError. */
  signal?: AbortSignal;
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
}

/** The first chunk, then the rest: the gzip magic is read from the stream, so pipes work too. */
async function* withFirst(first: Buffer | undefined, rest: AsyncIterator<Buffer>) {
  if (first) yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * Feeds every chunk to `onChunk` (false stops reading); resolves with the error that ended the
 * stream, if any. Flowing mode hands each chunk over as it is produced, so an error loses
 * nothing already decoded, unlike an async iterator's buffered chunks.
 */
function consume(source: Readable, onChunk: (chunk: Buffer) => boolean): Promise<Error | null> {
  return new Promise((resolve) => {
    source.on('data', (chunk: Buffer) => {
      if (onChunk(chunk)) return;
      source.destroy();
      resolve(null);
    });
    source.once('end', () => resolve(null));
    source.once('error', resolve);
    source.once('close', () => resolve(null));
  });
}

/** Bad compressed bytes, not a truncation: output decoded just before them needs salvaging. */
function isDataError(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && code.startsWith('Z_') && code !== 'Z_BUF_ERROR';
}

/** What stopped a stream early, in words fit for "<path>: <this>". */
function describeBreak(error: Error, compressed: boolean, lines: number): string {
  const after = `after ${formatCount(lines)} lines`;
  const code = (error as NodeJS.ErrnoException).code;
  if (compressed && code === 'Z_BUF_ERROR') return `truncated ${after}`;
  if (compressed && isDataError(error)) return `corrupt ${after} (${errorLine(error)})`;
  return `read failed ${after} (${errorLine(error)})`;
}

/** Detects the format from the first bytes, then passes everything to that format's reader. */
class FormatSwitch {
  format: LogFileFormat = 'empty';
  reader: FormatReader | null = null;
  problems: string[] = [];
  private head: Buffer[] = [];
  private headBytes = 0;
  private decided = false;

  constructor(private readonly options: ReaderOptions) {}

  /** False once the file is known not to be worth reading on. */
  push(chunk: Buffer): boolean {
    if (this.decided) {
      this.reader?.push(chunk);
      return true;
    }
    this.head.push(chunk);
    this.headBytes += chunk.length;
    return this.headBytes < DETECT_BYTES || this.decide();
  }

  /** Decides the format of a file shorter than the detection window. */
  settle(): void {
    if (!this.decided && this.headBytes > 0) this.decide();
  }

  end(): void {
    this.settle();
    this.reader?.end();
    if (this.reader) this.problems.push(...this.reader.problems());
  }

  private decide(): boolean {
    this.decided = true;
    const all = Buffer.concat(this.head);
    this.head = [];
    this.format = detectLogFormat(all);
    if (this.format === 'unknown') this.problems.push(describeUnknown(all));
    if (this.format !== 'syslog' && this.format !== 'ndjson' && this.format !== 'json')
      return false;
    this.reader = READERS[this.format](this.options);
    this.reader.push(all);
    return true;
  }
}

/** Reads one file; `progress` receives file bytes as they are read (all of them by the end). */
export async function readLogFile(
  path: string,
  size: number,
  options: Omit<ReaderOptions, 'referenceMs'>,
  progress: (bytes: number) => void,
  open: OpenOptions = {},
): Promise<FileScan> {
  let input: OpenedInput;
  try {
    input = await openInput(path, { ...open, maxBytes: INPUT_LIMITS.decodedBytesPerFile });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    progress(size);
    const file: FileReport = { path, format: 'unreadable', compressed: false, lines: 0, events: 0 };
    return {
      file: { ...file, warning: `${path}: cannot read: ${error.reason}` },
      events: [],
      yearInferred: false,
    };
  }
  // Syslog lines have no year: none can be later than the file's last write (or than now, for a pipe).
  const content = new FormatSwitch({ ...options, referenceMs: input.mtimeMs ?? Date.now() });
  let compressed = false;
  let reported = 0;
  let decoded = 0;
  let source: Readable | null = null;
  let gunzip: Gunzip | null = null;
  let broke: Error | null = null;
  let stopped: string | null = null;
  const accept = (chunk: Buffer) => {
    if (decoded + chunk.length > INPUT_LIMITS.decodedBytesPerFile) {
      chunk = chunk.subarray(0, INPUT_LIMITS.decodedBytesPerFile - decoded);
      stopped = `stopped after ${describeBytes(INPUT_LIMITS.decodedBytesPerFile)} decoded (the cap per file)`;
    }
    decoded += chunk.length;
    const more = content.push(chunk);
    if ((content.reader?.lines ?? 0) >= INPUT_LIMITS.linesPerFile)
      stopped = `stopped after ${formatCount(INPUT_LIMITS.linesPerFile)} lines (the cap per file)`;
    return more && stopped === null;
  };
  try {
    const chunks = input.chunks();
    const first = await chunks.next();
    compressed = !first.done && isGzip(first.value);
    const file = Readable.from(withFirst(first.done ? undefined : first.value, chunks), {
      objectMode: false,
    });
    source = file;
    gunzip = compressed ? createGunzip({ chunkSize: CHUNK_BYTES }) : null;
    // pipe(), not pipeline(): a gunzip error must not destroy (and so close) the file, which
    // the salvage still reads.
    if (gunzip) file.on('error', (error) => gunzip?.destroy(error)).pipe(gunzip);
    const failure = await consume(gunzip ?? file, (chunk) => {
      progress(input.bytesRead - reported);
      reported = input.bytesRead;
      return accept(chunk);
    });
    if (failure instanceof InputAbortedError) throw failure;
    if (failure && gunzip && input.handle && isDataError(failure))
      await salvageGzip(input.handle, decoded, gunzip.bytesWritten, input.bytesRead, accept);
    broke = failure;
    if (!compressed && input.capped && stopped === null)
      stopped = `stopped after ${describeBytes(INPUT_LIMITS.decodedBytesPerFile)} (the cap per file)`;
  } catch (error) {
    if (error instanceof InputAbortedError) throw error;
    broke = error instanceof Error ? error : new Error(String(error));
  } finally {
    source?.destroy();
    gunzip?.destroy();
    await input.close();
    progress(size - reported);
  }
  content.settle();
  // Complete lines before the break, so a truncated last line does not count as read whole.
  if (broke) content.problems.push(describeBreak(broke, compressed, content.reader?.lines ?? 0));
  if (stopped) content.problems.push(stopped);
  content.end();
  const { reader, format, problems } = content;
  const file: FileReport = {
    path,
    format,
    compressed,
    lines: reader?.lines ?? 0,
    events: reader?.events.length ?? 0,
  };
  if (problems.length) file.warning = `${path}: ${problems.join('; ')}`;
  return { file, events: reader?.events ?? [], yearInferred: reader?.yearInferred ?? false };
}
