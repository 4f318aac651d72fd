/** Serves the built renderer from one folder: no listings, no hidden files, nothing outside it. */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export type StaticLookup =
  { ok: true; body: Buffer; extension: string } | { ok: false; status: 400 | 404; message: string };

const NOT_FOUND: StaticLookup = { ok: false, status: 404, message: 'apsd-watch: not found.' };

/**
 * Finds the file for a URL path inside `rootReal` (an already resolved real path). Percent
 * escapes are decoded first, then the result (and any symlink in it) must stay inside the root.
 */
export async function lookupStaticFile(rootReal: string, pathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400, message: 'apsd-watch: malformed path.' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return NOT_FOUND;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment.startsWith('.'))) return NOT_FOUND;
  const candidate = resolve(rootReal, relative);
  if (!isInside(rootReal, candidate)) return NOT_FOUND;
  try {
    const real = await realpath(candidate);
    if (!isInside(rootReal, real) || !(await stat(real)).isFile()) return NOT_FOUND;
    return { ok: true, body: await readFile(real), extension: extname(real) };
  } catch {
    return NOT_FOUND;
  }
}

function isInside(root: string, path: string): boolean {
  return path.startsWith(root.endsWith(sep) ? root : root + sep);
}
