/**
 * Crash-safe data files: a write is either the old file or the new one, never half of each; a file
 * that cannot be read back is moved aside (never deleted or overwritten) and said so in one line.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorLine } from '../../shared/error-line';

/** "EACCES: permission denied", without the random temp path that would make each message unique. */
function withoutPaths(error: unknown): string {
  return errorLine(error).replace(/, \w+ '[^']*'( -> '[^']*')?$/, '');
}

/** `<target>.<pid>.<random>.tmp`: the pid says whether its writer may still be alive. */
function tempName(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** A write that made no progress: the file system took no byte (full, or a quota reached). */
function noProgress(): NodeJS.ErrnoException {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

/** A short temp file must never be renamed over a good one, whatever the writes reported. */
function checkWhole(size: number, expected: number): void {
  if (size !== expected)
    throw Object.assign(new Error(`EIO: wrote ${size} of ${expected} bytes`), { code: 'EIO' });
}

/**
 * write(2) may take fewer bytes than asked when a disk fills up, without an error: loops over
 * every short write, and throws when one makes no progress (or on the error that follows).
 */
export function writeWholeSync(fd: number, data: Buffer): void {
  for (let offset = 0; offset < data.length;) {
    const written = writeSync(fd, data, offset, data.length - offset);
    if (written <= 0) throw noProgress();
    offset += written;
  }
}

async function writeWhole(handle: FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length;) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    if (bytesWritten <= 0) throw noProgress();
    offset += bytesWritten;
  }
}

/**
 * Writes to a temp file in the same directory, fsyncs it, then renames it over the target.
 * Private (0600) unless `mode` says otherwise, e.g. 0644 for a file another service reads.
 */
export async function writeFileAtomic(
  path: string,
  data: string,
  options: { mode?: number } = {},
): Promise<void> {
  const temp = tempName(path);
  const bytes = Buffer.from(data, 'utf8');
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      if (options.mode !== undefined) await handle.chmod(options.mode);
      await writeWhole(handle, bytes);
      await handle.sync();
      checkWhole((await handle.stat()).size, bytes.length);
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw new Error(`could not write ${basename(path)}: ${withoutPaths(error)}`, { cause: error });
  }
  await syncDirectory(dirname(path));
}

/**
 * writeFileAtomic without yielding: nothing else can run between the snapshot and the rename
 * (the history swaps its journal in the same step). For files of at most a few hundred KB.
 */
export function writeFileAtomicSync(path: string, data: string): void {
  const temp = tempName(path);
  const bytes = Buffer.from(data, 'utf8');
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeWholeSync(fd, bytes);
      fsyncSync(fd);
      checkWhole(fstatSync(fd).size, bytes.length);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(`could not write ${basename(path)}: ${withoutPaths(error)}`, { cause: error });
  }
  try {
    const fd = openSync(dirname(path), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // As in syncDirectory: best effort.
  }
}

/**
 * Removes temp files of `path` left by a writer that died mid-write (kill -9, a second Ctrl-C
 * during the closing write); a temp file of a live process is left alone. Returns how many.
 */
export function removeStaleTemps(path: string): number {
  const prefix = `${basename(path)}.`;
  let removed = 0;
  let entries: string[];
  try {
    entries = readdirSync(dirname(path));
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const match = /^(\d+)\.[0-9a-f]+\.tmp$/.exec(entry.slice(prefix.length));
    if (!entry.startsWith(prefix) || !match || isAlive(Number(match[1]))) continue;
    try {
      rmSync(join(dirname(path), entry), { force: true });
      removed += 1;
    } catch {
      // Not ours to remove (another user's file in a shared directory): leave it.
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false; // this process has no write in progress at start
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes the rename itself durable; not every platform lets a directory be opened, so best effort. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  }
}

export interface JsonReadResult<T> {
  /** The parsed value; null when the file is missing or was moved aside. */
  value: T | null;
  /** One line for the user when the file was bad; null otherwise. */
  warning: string | null;
  /** False when a bad file could not be moved aside: writing would destroy it, so do not. */
  writable: boolean;
}

export interface ReadJsonOptions<T> {
  /** Checks the parsed JSON; throw (one line) when it does not fit. */
  parse: (value: unknown) => T;
  /** Larger files are treated as corrupt rather than read into memory. */
  maxBytes: number;
  /** For the quarantine name; defaults to the current time. */
  now?: () => Date;
}

/** `history.json.corrupt-2025-08-09T10-11-55-521Z`: sortable, and legal on every file system. */
export function quarantineName(path: string, at: Date): string {
  return `${path}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Reads and checks a JSON file. Missing: value null, no warning. Unreadable, not JSON, too large or
 * failing `parse`: renamed to `<name>.corrupt-<time>` beside it, with a warning saying where.
 */
export async function readJsonOrQuarantine<T>(
  path: string,
  options: ReadJsonOptions<T>,
): Promise<JsonReadResult<T>> {
  let problem: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) problem = 'it is not a regular file';
    else if (info.size > options.maxBytes)
      problem = `it is ${info.size} bytes, over the ${options.maxBytes}-byte limit`;
    else {
      const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
      return { value: options.parse(JSON.parse(text) as unknown), warning: null, writable: true };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { value: null, warning: null, writable: true };
    problem = errorLine(error);
  }
  return quarantine(path, problem, options.now?.() ?? new Date());
}

async function quarantine<T>(path: string, problem: string, at: Date): Promise<JsonReadResult<T>> {
  const name = basename(path);
  let target = quarantineName(path, at);
  for (let attempt = 1; await exists(target); attempt += 1)
    target = `${quarantineName(path, at)}-${attempt}`;
  try {
    await rename(path, target);
  } catch (error) {
    return {
      value: null,
      warning: `${name} is unreadable (${problem}) and could not be moved aside (${errorLine(error)}): changes will not be saved`,
      writable: false,
    };
  }
  return {
    value: null,
    warning: `${name} was unreadable (${problem}); kept it as ${basename(target)} and started afresh`,
    writable: true,
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
