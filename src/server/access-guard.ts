/**
 * Who may talk to the dashboard: a page served from this loopback port (Host and Origin checks
 * against DNS rebinding and cross-site pages) that holds the token (cookie or query).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createTokenMatcher } from '../core/auth/token-match';
import { MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW_MS } from './dashboard-limits';

type GateResult = { ok: true } | { ok: false; status: 401 | 403 | 421 | 429; message: string };

export interface AccessGuard {
  /** The cookie's name carries the port: cookies ignore ports, so two dashboards must not collide. */
  readonly cookieName: string;
  /** The Set-Cookie value that admits this browser for the session. */
  sessionCookie(): string;
  tokenMatches(candidate: string | null | undefined): boolean;
  /** Host (and Origin when present, or when `requireOrigin`) checks; runs before authentication. */
  checkOrigin(request: IncomingMessage, requireOrigin: boolean): GateResult;
  /**
   * The token from the query if given (it then decides alone), else the cookie. The right token
   * is always let in, whatever others send: a 256-bit token cannot be guessed, so pausing it would
   * only hand any local process a way to lock the user out. Wrong tokens beyond
   * MAX_FAILED_SIGN_INS within SIGN_IN_WINDOW_MS are refused (429) on their own, uncounted, which
   * bounds the work (and the log noise) a flood of them causes.
   */
  checkToken(request: IncomingMessage, url: URL): GateResult;
}

/** 32 random bytes, base64url: the secret in the printed URL. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

const UNAUTHORIZED =
  'apsd-watch: not signed in; open the dashboard with the URL that `apsd-watch serve` printed.';

export function createAccessGuard(
  port: number,
  token: string,
  now: () => number = Date.now,
): AccessGuard {
  const tokenMatches = createTokenMatcher(token);
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const cookieName = `apsd_watch_${port}`;
  /** When the last wrong tokens arrived, oldest first; never more than MAX_FAILED_SIGN_INS. */
  const failures: number[] = [];
  const wrongTokensRefusedForMs = (): number => {
    if (failures.length < MAX_FAILED_SIGN_INS) return 0;
    return Math.max(0, failures[0]! + SIGN_IN_WINDOW_MS - now());
  };

  return {
    cookieName,
    sessionCookie: () => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    tokenMatches,
    checkOrigin(request, requireOrigin) {
      const host = request.headers.host?.toLowerCase();
      if (!host || !allowedHosts.has(host))
        return {
          ok: false,
          status: 421,
          message: `apsd-watch: this dashboard answers only to 127.0.0.1:${port} or localhost:${port}.`,
        };
      const origin = request.headers.origin;
      if (origin === undefined ? requireOrigin : !allowedOrigins.has(origin.toLowerCase()))
        return {
          ok: false,
          status: 403,
          message: 'apsd-watch: requests from other origins are refused.',
        };
      return { ok: true };
    },
    checkToken(request, url) {
      const fromQuery = url.searchParams.get('token');
      const candidate = fromQuery ?? readCookie(request.headers.cookie, cookieName);
      if (tokenMatches(candidate)) return { ok: true };
      // Only a presented token counts as a guess; a page opened without one is just not signed in.
      if (!candidate) return { ok: false, status: 401, message: UNAUTHORIZED };
      const paused = wrongTokensRefusedForMs();
      if (paused > 0)
        return {
          ok: false,
          status: 429,
          message: `apsd-watch: too many wrong tokens; wrong tokens are refused for ${Math.ceil(paused / 1000)} s.`,
        };
      failures.push(now());
      if (failures.length > MAX_FAILED_SIGN_INS) failures.shift();
      return { ok: false, status: 401, message: UNAUTHORIZED };
    },
  };
}

/** One cookie's value from a Cookie header; null when absent. */
function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
