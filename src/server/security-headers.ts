/** Headers every dashboard response carries, so a browser treats the page as strictly as Electron does. */
import type { OutgoingHttpHeaders } from 'node:http';

/**
 * The renderer's own policy (src/renderer/index.html), repeated as a header so it also covers
 * responses that are not that page. `connect-src 'self'` admits the same-origin `ws:` URL in
 * Chromium (CSP Level 3); the e2e suite checks this in a real browser.
 */
export const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** `frame-ancestors` works only as a header (browsers ignore it in a meta tag), so only here. */
export const CONTENT_SECURITY_POLICY = `${PAGE_POLICY}; frame-ancestors 'none'`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type for a file extension; unknown types are served as opaque bytes (with nosniff). */
export function contentTypeFor(extension: string): string {
  return CONTENT_TYPES[extension.toLowerCase()] ?? 'application/octet-stream';
}

/** Security headers for one response; HTML is never cached since it is the page the token opened. */
export function securityHeaders(contentType: string): OutgoingHttpHeaders {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': contentType.startsWith('text/html') ? 'no-store' : 'no-cache',
  };
}
