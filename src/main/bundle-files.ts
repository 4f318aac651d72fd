/**
 * Serves the built renderer under a private scheme, `apsd-watch://bundle/…`, instead of file://.
 * The packaged app turns off the grantFileProtocolExtraPrivileges fuse, after which Chromium can
 * neither read file:// pages from inside app.asar nor load their module scripts; a custom scheme
 * is what Electron's security guide recommends. Node only (no electron import), so tests run it.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const BUNDLE_SCHEME = 'apsd-watch';
const BUNDLE_HOST = 'bundle';

/** The popover's page; IPC answers requests from this page only. */
export const INDEX_URL = `${BUNDLE_SCHEME}://${BUNDLE_HOST}/index.html`;

/** Only what a Vite build emits; anything else is not ours to serve. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** Maps a bundle URL to a file inside `rootDir`, or null for another host, a way out, or junk. */
export function resolveBundleFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  let path: string;
  try {
    url = new URL(requestUrl);
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (url.protocol !== `${BUNDLE_SCHEME}:` || url.host !== BUNDLE_HOST) return null;
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  if (!file.startsWith(root + sep)) return null;
  return Object.hasOwn(CONTENT_TYPES, extname(file)) ? file : null;
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
}

/** The protocol handler's whole job: one file from the bundle, or a plain 404. */
export async function bundleResponse(rootDir: string, requestUrl: string): Promise<Response> {
  const file = resolveBundleFile(rootDir, requestUrl);
  if (!file) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return notFound();
  }
}
