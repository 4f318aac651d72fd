/**
 * Opens one input for reading without ever blocking a thread: a regular file, a FIFO, a pipe from
 * process substitution (`<(cat f)`), a character device, or standard input (`-`). Every kind is
 * read as a stream of chunks that an AbortSignal ends at once (Ctrl-C), and stops at a byte cap.
 */
import { closeSync, constants, fstat, open as openCallback, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { errorLine } from '../../shared/error-line';

type InputKind = 'file' | 'pipe' | 'device' | 'stdin';

/** Why an input cannot be read, as one line ("<path>: no such file"). */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly label: string,
    readonly reason: string,
  ) {
    super(`${label}: ${reason}`);
  }
}

/** The reader was asked to stop (Ctrl-C, SIGTERM) before the input ended. */
export class InputAbortedError extends Error {
  override name = 'InputAbortedError';
  constructor(label: string) {
    super(`${label}: interrupted`);
  }
}

export interface OpenInputOptions {
  /** Aborting ends the read at once, even on a FIFO nobody writes to. */
  signal?: AbortSignal;
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
  /** Bytes read at most; past it `capped` turns true and the chunks end. */
  maxBytes?: number;
}

export interface OpenedInput {
  /** The path, or "standard input". */
  readonly label: string;
  readonly kind: InputKind;
  /** A regular file's size; null for streams. */
  readonly size: number | null;
  /** A regular file's modification time; null for streams. */
  readonly mtimeMs: number | null;
  /** Positional reads (e.g. salvaging a corrupt gzip): regular files only. */
  readonly handle: FileHandle | null;
  /** Bytes handed out so far. */
  readonly bytesRead: number;
  /** True when the input went on past `maxBytes`. */
  readonly capped: boolean;
  /** The bytes in order; throws InputAbortedError when the signal fires. Call once, then close(). */
  chunks(): AsyncIterableIterator<Buffer>;
  /** Idempotent. */
  close(): Promise<void>;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENXIO: 'is a socket, not a file',
  ELOOP: 'too many symbolic links',
};

/** The reason, in words, for an error from opening or reading. */
function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  return REASONS[code] ?? errorLine(error);
}

function kindOf(stats: Stats): InputKind | string {
  if (stats.isFile()) return 'file';
  if (stats.isFIFO()) return 'pipe';
  if (stats.isCharacterDevice()) return 'device';
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isBlockDevice()) return 'is a block device, not a file';
  if (stats.isSocket()) return 'is a socket, not a file';
  return 'is not a file';
}

export async function openInput(
  path: string,
  options: OpenInputOptions = {},
): Promise<OpenedInput> {
  if (path === '-') {
    if (!options.stdin) throw new InputError('standard input', 'not available');
    return streamInput('standard input', 'stdin', options.stdin as Readable, null, options);
  }
  if (options.signal?.aborted) throw new InputAbortedError(path);
  try {
    const kind = await probeKind(path);
    if (typeof kind === 'number') {
      // A libuv pipe waits for a writer like `cat` does, yet is destroyed the moment we ask. It
      // owns the raw fd: a FileHandle here would close a reused fd number when collected.
      const socket = new Socket({ fd: kind, readable: true, writable: false });
      return streamInput(path, 'pipe', socket, null, options);
    }
    if (kind !== 'file' && kind !== 'device') throw new InputError(path, kind);
    // Files and devices are read through a FileHandle (positional reads for gzip salvage).
    const handle = await open(path, FLAGS);
    const stats = await handle.stat().catch(async (error: unknown) => {
      await handle.close().catch(() => {});
      throw error;
    });
    if (kind === 'file' && stats.isFile()) return fileInput(path, handle, stats, options);
    if (kind === 'device' && stats.isCharacterDevice())
      return streamInput(path, 'device', handleChunks(handle, null), handle, options);
    await handle.close().catch(() => {});
    throw new InputError(path, 'changed while it was opened');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(path, reasonOf(error));
  }
}

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of blocking a libuv worker
// (which no signal can end); regular files ignore the flag.
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;
const openFd = promisify(openCallback);
const fstatFd = promisify(fstat);

/** What the path is; for a FIFO, its open fd (the pipe's reader takes it over). */
async function probeKind(path: string): Promise<string | number> {
  const fd = await openFd(path, FLAGS);
  try {
    const kind = kindOf(await fstatFd(fd));
    if (kind === 'pipe') return fd;
    closeSync(fd);
    return kind;
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

const CHUNK_BYTES = 1024 * 1024;

function fileInput(
  path: string,
  handle: FileHandle,
  stats: Stats,
  options: OpenInputOptions,
): OpenedInput {
  const input = streamInput(path, 'file', handleChunks(handle, 0), handle, options);
  return Object.assign(input, { size: stats.size, mtimeMs: stats.mtimeMs, handle });
}

/**
 * Reads through the handle itself, not a ReadStream: a ReadStream closes its FileHandle when it
 * ends, and the handle must stay open for positional reads. `position` null reads a device on.
 */
async function* handleChunks(handle: FileHandle, position: number | null): AsyncGenerator<Buffer> {
  for (;;) {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
    if (bytesRead === 0) return;
    if (position !== null) position += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

function streamInput(
  label: string,
  kind: InputKind,
  source: Readable | AsyncGenerator<Buffer>,
  handle: FileHandle | null,
  options: OpenInputOptions,
): OpenedInput {
  const maxBytes = options.maxBytes ?? Infinity;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (source instanceof Readable) source.destroy();
    else void source.return(undefined).catch(() => {});
    // A socket wrapping the fd closes it itself; closing it again here would hit a reused fd.
    if (handle && kind !== 'pipe') await handle.close().catch(() => {});
  };
  const input = {
    label,
    kind,
    size: null as number | null,
    mtimeMs: null as number | null,
    handle: null as FileHandle | null,
    bytesRead: 0,
    capped: false,
    close,
    chunks: () => readChunks(),
  };
  async function* readChunks(): AsyncIterableIterator<Buffer> {
    const signal = options.signal;
    // Destroying the stream ends a pending read at once (no Promise.race: each race left on a
    // long-lived promise would keep its chunk alive); a file or device read is checked after.
    const abort = () => {
      if (source instanceof Readable) source.destroy(new InputAbortedError(label));
    };
    signal?.addEventListener('abort', abort, { once: true });
    const iterator = (
      source instanceof Readable ? source[Symbol.asyncIterator]() : source
    ) as AsyncIterator<Buffer | string>;
    try {
      for (;;) {
        if (signal?.aborted) throw new InputAbortedError(label);
        const next = await iterator.next();
        if (signal?.aborted) throw new InputAbortedError(label);
        if (next.done) return;
        let chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
        if (input.bytesRead + chunk.length > maxBytes) {
          chunk = chunk.subarray(0, maxBytes - input.bytesRead);
          input.capped = true;
        }
        input.bytesRead += chunk.length;
        if (chunk.length > 0) yield chunk;
        if (input.capped) return;
      }
    } catch (error) {
      if (error instanceof InputAbortedError) throw error;
      throw new InputError(label, reasonOf(error));
    } finally {
      signal?.removeEventListener('abort', abort);
      // The handle stays open for positional reads until close().
      if (source instanceof Readable) source.destroy();
    }
  }
  return input;
}
