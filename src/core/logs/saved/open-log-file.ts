/**
 * Reads one saved log file for the scanner: opens it, inflates gzip on libuv's thread pool,
 * detects the format from the first decoded bytes and feeds a format reader. A break in the
 * middle (truncated or corrupt .gz, a read error) keeps everything decoded before it.
 */
import { Readable } from 'node:stream';
import { createGunzip, type Gunzip } from 'node:zlib';
import { salvageGzip } from './gzip-salvage';
import { describeUnknown, detectLayout, DETECT_BYTES, isGzip } from './detect-layout';
import {
  createJsonReader,
  type FileTally,
  type FormatReader,
  type ReaderOptions,
} from './json-reader';
import { expectedFormats, type TextLogFormat } from '../lines/line-formats';
import { TextLogReader } from './text-reader';
import { errorLine } from '../../../shared/error-line';
import { countOf, formatCount } from '../../../shared/format';
import { INPUT_LIMITS, describeBytes } from '../../input/input-limits';
import { InputAbortedError, InputError, openInput, type OpenedInput } from '../../input/open-input';

type FileFormat = TextLogFormat | 'json' | 'empty' | 'unknown' | 'unreadable';

export interface FileReport {
  path: string;
  /**
   * The format most records were in; `unknown` when no record could be read, `unreadable` when
   * the file could not be opened (`warning` then says why).
   */
  format: FileFormat;
  /** Records per format, when a file mixes them. */
  formats: FileTally['formats'];
  compressed: boolean;
  /** Every line: read (records, continuations, framing) plus `linesNotRead`. */
  lines: number;
  linesNotRead: number;
  firstNotRead: FileTally['firstNotRead'];
  events: number;
  warning?: string;
}

export interface FileScan {
  file: FileReport;
  notes: FormatReader['notes'];
}

const NO_NOTES: FormatReader['notes'] = {
  yearInferred: false,
  zoneless: false,
  dateInferred: false,
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

/** Decides the layout from the first bytes, then passes everything to that reader. */
class FormatSwitch {
  reader: FormatReader | null = null;
  problems: string[] = [];
  head: Buffer | null = null;
  private pieces: Buffer[] = [];
  private headBytes = 0;
  private decided = false;

  constructor(private readonly options: ReaderOptions) {}

  push(chunk: Buffer): boolean {
    if (this.decided) {
      this.reader?.push(chunk);
      return true;
    }
    this.pieces.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes >= DETECT_BYTES) this.decide();
    return true;
  }

  /** Decides the layout of a file shorter than the detection window. */
  settle(): void {
    if (!this.decided && this.headBytes > 0) this.decide();
  }

  end(): void {
    this.settle();
    this.reader?.end();
    if (this.reader) this.problems.push(...this.reader.problems());
  }

  private decide(): void {
    this.decided = true;
    const all = Buffer.concat(this.pieces);
    this.pieces = [];
    this.head = all.subarray(0, DETECT_BYTES);
    const layout = detectLayout(all);
    if (layout.layout === 'json') {
      this.reader = createJsonReader(this.options, layout.framingLines);
      this.reader.push(all.subarray(layout.skipBytes));
    } else {
      this.reader = new TextLogReader(this.options);
      this.reader.push(all);
    }
  }
}

/** The main format of what was read, and the words for a file of which nothing was. */
function outcome(
  reader: FormatReader | null,
  head: Buffer | null,
): { format: FileFormat; why?: string } {
  const tally = reader?.tally;
  if (!tally || tally.lines === 0) return { format: 'empty' };
  const formats = Object.entries(tally.formats).sort((a, b) => b[1] - a[1]);
  if (formats.length > 0) return { format: formats[0]![0] as FileFormat };
  // Records counted by shape only (no line held a watched name): dated syslog-like lines.
  if (tally.records > 0) return { format: 'syslog' };
  if (tally.notRead === 0) return { format: 'empty' };
  const what = head ? describeUnknown(head) : 'no log records';
  return {
    format: 'unknown',
    why: `${what}: no record in ${countOf(tally.lines, 'line')} (expected ${expectedFormats()})`,
  };
}

function emptyReport(path: string, format: FileFormat): FileReport {
  return {
    path,
    format,
    formats: {},
    compressed: false,
    lines: 0,
    linesNotRead: 0,
    firstNotRead: null,
    events: 0,
  };
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
    const file = emptyReport(path, 'unreadable');
    return { file: { ...file, warning: `${path}: cannot read: ${error.reason}` }, notes: NO_NOTES };
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
    if ((content.reader?.tally.lines ?? 0) >= INPUT_LIMITS.linesPerFile)
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
  if (broke)
    content.problems.push(describeBreak(broke, compressed, content.reader?.tally.lines ?? 0));
  if (stopped) content.problems.push(stopped);
  const streamProblems = [...content.problems];
  content.end();
  const { reader, problems } = content;
  const result = outcome(reader, content.head);
  const tally = reader?.tally;
  const file: FileReport = {
    ...emptyReport(path, result.format),
    formats: tally?.formats ?? {},
    compressed,
    lines: tally?.lines ?? 0,
    linesNotRead: tally?.notRead ?? 0,
    firstNotRead: tally?.firstNotRead ?? null,
    events: reader?.events ?? 0,
  };
  // A file of which nothing was read says so in one line, with what was expected.
  if (result.why) problems.splice(0, problems.length, result.why, ...streamProblems);
  if (problems.length) file.warning = `${path}: ${problems.join('; ')}`;
  return { file, notes: reader?.notes ?? NO_NOTES };
}
