/**
 * The bearer token a remote scraper must present, read from a file an admin provisions (as
 * Prometheus reads its side from `credentials_file`). The token is never printed, so every
 * message here describes the file, not its content.
 */
import { readFile, stat } from 'node:fs/promises';
import { errorLine } from '../../shared/error-line';

const MIN_LENGTH = 16;
const MAX_LENGTH = 512;
/** Visible ASCII only: what fits an HTTP header unchanged and survives copy and paste. */
const TOKEN = /^[\x21-\x7e]+$/;

export async function readMetricsToken(
  path: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('it is not a regular file');
    // Anyone on the Mac could read or replace a world-accessible token: refuse it, and say how to fix.
    if (platform !== 'win32' && (info.mode & 0o006) !== 0)
      throw new Error(`anyone on this machine can read or change it; run chmod o-rwx on it`);
    if (info.size > MAX_LENGTH + 2) throw new Error(`it is over ${MAX_LENGTH} bytes`);
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`--metrics-token-file ${path}: ${errorLine(error).replace(/, \w+ '.*'$/, '')}`);
  }
  const token = text.replace(/\r?\n$/, '');
  if (!TOKEN.test(token) || token.length < MIN_LENGTH || token.length > MAX_LENGTH)
    throw new Error(
      `--metrics-token-file ${path}: expected one line of ${MIN_LENGTH}-${MAX_LENGTH} visible ASCII characters (e.g. openssl rand -hex 32)`,
    );
  return token;
}
