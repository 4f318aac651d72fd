import { readFile } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboardServer } from './dashboard-server';
import { CONTENT_SECURITY_POLICY, PAGE_POLICY } from './security-headers';
import { EngineDouble } from '../../test/support/engine-double';
import {
  PAGE,
  rawRequest,
  SCRIPT,
  SECRET,
  startTestDashboard,
  type TestDashboard,
} from '../../test/support/dashboard-fixture';

let dash: TestDashboard;
beforeAll(async () => {
  dash = await startTestDashboard();
});
afterAll(() => dash.close());

describe('dashboard server: sign-in', () => {
  it('prints a loopback URL with a 32-byte base64url token', () => {
    expect(dash.server.url).toBe(`http://127.0.0.1:${dash.server.port}/?token=${dash.token}`);
    expect(Buffer.from(dash.token, 'base64url')).toHaveLength(32);
    expect(dash.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 with a one-line body without the token', async () => {
    const res = await rawRequest(dash.server.port, '/');
    expect(res.status).toBe(401);
    expect(res.body.trimEnd().split('\n')).toHaveLength(1);
    expect(res.body).toContain('apsd-watch serve');
    expect(res.body).not.toContain(PAGE);
  });

  it('answers 401 to a wrong token in the query or the cookie', async () => {
    const wrong = dash.token.slice(0, -1) + (dash.token.endsWith('A') ? 'B' : 'A');
    expect((await rawRequest(dash.server.port, `/?token=${wrong}`)).status).toBe(401);
    const cookie = `apsd_watch_${dash.server.port}=${wrong}`;
    expect((await rawRequest(dash.server.port, '/', { Cookie: cookie })).status).toBe(401);
    const otherPort = `apsd_watch_${dash.server.port + 1}=${dash.token}`;
    expect((await rawRequest(dash.server.port, '/', { Cookie: otherPort })).status).toBe(401);
  });

  it('trades the right token for an HttpOnly, SameSite=Strict cookie and a redirect to /', async () => {
    const res = await rawRequest(dash.server.port, `/?token=${dash.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const [cookie] = res.headers['set-cookie'] as string[];
    expect(cookie!.split('; ')).toEqual([dash.cookie, 'HttpOnly', 'SameSite=Strict', 'Path=/']);
  });

  it('serves the page with the cookie, with the security headers', async () => {
    const res = await rawRequest(dash.server.port, '/', { Cookie: `a=b; ${dash.cookie}` });
    expect(res.status).toBe(200);
    expect(res.body).toBe(PAGE);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('serves static files with the cookie and their content type', async () => {
    const res = await rawRequest(dash.server.port, '/assets/app.js', { Cookie: dash.cookie });
    expect(res.status).toBe(200);
    expect(res.body).toBe(SCRIPT);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the same policy as the renderer page declares', async () => {
    const html = await readFile(new URL('../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(PAGE_POLICY);
    expect(CONTENT_SECURITY_POLICY).toBe(`${PAGE_POLICY}; frame-ancestors 'none'`);
  });
});

describe('dashboard server: refusals', () => {
  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/escape.txt',
    '/.env',
    '/assets/',
    '/assets',
    '/missing.js',
    '/index.html%00.js',
  ])('never serves %s outside the renderer files', async (path) => {
    const res = await rawRequest(dash.server.port, path, { Cookie: dash.cookie });
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain(SECRET);
  });

  it.each(['evil.example', `evil.example:${0}`, '127.0.0.1', '127.0.0.1:1', '[::1]'])(
    'refuses a foreign Host header (%s) even with the cookie',
    async (host) => {
      const value = host.endsWith(':0') ? host.replace(':0', `:${dash.server.port}`) : host;
      const res = await rawRequest(dash.server.port, '/', { Host: value, Cookie: dash.cookie });
      expect(res.status).toBe(421);
      expect(res.body).not.toContain(PAGE);
    },
  );

  it('refuses an HTTP/1.0 request without a Host header', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: dash.server.port }, () =>
        socket.end(`GET / HTTP/1.0\r\nCookie: ${dash.cookie}\r\n\r\n`),
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toMatch(/^HTTP\/1\.[01] 421 /);
    expect(reply).not.toContain(PAGE);
  });

  it('accepts localhost:<port> as the Host', async () => {
    const host = `localhost:${dash.server.port}`;
    const res = await rawRequest(dash.server.port, '/', { Host: host, Cookie: dash.cookie });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Origin (403) and other methods (405)', async () => {
    const port = dash.server.port;
    const foreign = { Cookie: dash.cookie, Origin: 'http://evil.example' };
    expect((await rawRequest(port, '/', foreign, 'POST')).status).toBe(403);
    expect((await rawRequest(port, '/', foreign)).status).toBe(403);
    const post = await rawRequest(port, '/', { Cookie: dash.cookie, Origin: dash.origin }, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers a plain GET of the socket path with 426', async () => {
    expect((await rawRequest(dash.server.port, '/ws', { Cookie: dash.cookie })).status).toBe(426);
  });
});

describe('dashboard server: binding and start-up errors', () => {
  it('listens on 127.0.0.1 only, not on the rest of the loopback range', async () => {
    const reached = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.2', port: dash.server.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(reached).toBe('ECONNREFUSED');
  });

  it('fails with one line when the renderer was not built', async () => {
    const engine = new EngineDouble();
    await expect(
      startDashboardServer({ engine, port: 0, rendererDir: '/nonexistent/renderer' }),
    ).rejects.toThrow(/^dashboard page not found in \/nonexistent\/renderer; run `npm run build`/);
  });

  it('fails with one line when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const engine = new EngineDouble();
    await expect(
      startDashboardServer({ engine, port, rendererDir: dash.rendererDir }),
    ).rejects.toThrow(`port ${port} on 127.0.0.1 is already in use`);
    expect(engine.listenerCount('snapshot')).toBe(0);
    await new Promise((resolve) => taken.close(resolve));
  });
});
