import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createAccessGuard, generateToken } from './access-guard';
import { MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW_MS } from './dashboard-limits';

const PORT = 4321;
const withCookie = (cookie?: string) => ({ headers: cookie ? { cookie } : {} }) as IncomingMessage;
const url = (token?: string) =>
  new URL(token === undefined ? '/' : `/?token=${encodeURIComponent(token)}`, 'http://127.0.0.1');

describe('access guard: token guessing', () => {
  it(`refuses wrong tokens past ${MAX_FAILED_SIGN_INS} in a window on their own: the right token and a valid cookie still pass`, () => {
    let clock = 1_000_000;
    const token = generateToken();
    const guard = createAccessGuard(PORT, token, () => clock);
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) {
      expect(guard.checkToken(withCookie(), url(`guess-${i}`))).toMatchObject({ status: 401 });
      clock += 10;
    }
    const refused = guard.checkToken(withCookie(), url('one-guess-too-many'));
    expect(refused).toMatchObject({ ok: false, status: 429 });
    expect((refused as { message: string }).message).toMatch(
      /^apsd-watch: too many wrong tokens; wrong tokens are refused for \d+ s\.$/,
    );
    // A wrong cookie is a wrong token too.
    expect(guard.checkToken(withCookie(`apsd_watch_${PORT}=forged`), url())).toMatchObject({
      status: 429,
    });
    // The user is never locked out: the right token signs in and the cookie keeps working.
    expect(guard.checkToken(withCookie(), url(token))).toEqual({ ok: true });
    expect(guard.checkToken(withCookie(`apsd_watch_${PORT}=${token}`), url())).toEqual({
      ok: true,
    });
    // A page opened without a token is just not signed in, flood or not.
    expect(guard.checkToken(withCookie(), url())).toMatchObject({ status: 401 });
    clock += SIGN_IN_WINDOW_MS;
    expect(guard.checkToken(withCookie(), url('after-the-window'))).toMatchObject({ status: 401 });
  });

  it('lets at most the limit of guesses through per window, however long the guessing goes on', () => {
    let clock = 0;
    const guard = createAccessGuard(PORT, generateToken(), () => clock);
    const statuses = { 401: 0, 429: 0 };
    // Ten minutes of one guess every 100 ms: 6,000 attempts, 10 windows.
    for (let i = 0; i < 6_000; i += 1, clock += 100) {
      const result = guard.checkToken(withCookie(), url(`guess-${i}`));
      statuses[(result as { status: 401 | 429 }).status] += 1;
    }
    expect(statuses[401] + statuses[429]).toBe(6_000);
    expect(statuses[401]).toBeLessThanOrEqual(MAX_FAILED_SIGN_INS * 11);
    expect(statuses[401]).toBeGreaterThanOrEqual(MAX_FAILED_SIGN_INS * 10);
  });

  it('does not count a page opened without any token', () => {
    const token = generateToken();
    const guard = createAccessGuard(PORT, token);
    for (let i = 0; i < MAX_FAILED_SIGN_INS * 5; i += 1)
      expect(guard.checkToken(withCookie(), url())).toMatchObject({ status: 401 });
    expect(guard.checkToken(withCookie(), url(token))).toEqual({ ok: true });
  });

  it('compares candidates of any length without throwing (digests of equal length)', () => {
    const token = generateToken();
    const guard = createAccessGuard(PORT, token);
    for (const candidate of ['', 'x', token.slice(0, -1), `${token}x`, 'é'.repeat(300), token])
      expect(typeof guard.tokenMatches(candidate)).toBe('boolean');
    expect(guard.tokenMatches(token)).toBe(true);
    expect(guard.tokenMatches('y'.repeat(513))).toBe(false);
  });
});
