/** Reads a capture from a file or standard input, with a size cap and one-line errors. */
import { readFile, stat } from 'node:fs/promises';
import { UsageError, type CommandIo } from './command';
import { errorLine } from '../shared/error-line';

/** A socket table of 10,000 rows is about 2 MB; anything near this is not a netstat capture. */
export const MAX_CAPTURE_BYTES = 256 * 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
};

function unreadable(path: string, error: unknown): UsageError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new UsageError(`${path}: ${REASONS[code] ?? errorLine(error)}`);
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_CAPTURE_BYTES)
      throw new UsageError(`standard input: more than ${MAX_CAPTURE_BYTES / 1024 / 1024} MB`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `-` reads standard input. */
export async function readTextInput(path: string, io: CommandIo): Promise<string> {
  if (path === '-') return readStdin(io.stdin);
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (info.size > MAX_CAPTURE_BYTES)
      throw new UsageError(`${path}: larger than ${MAX_CAPTURE_BYTES / 1024 / 1024} MB`);
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw unreadable(path, error);
  }
}
