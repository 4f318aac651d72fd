/**
 * The dashboard's gatekeeping against a real `apsd-watch serve` and a real browser: no token, a
 * rebound host name (DNS rebinding, via Chromium's host resolver rules in playwright.config.ts),
 * and a page on another origin trying the socket are all refused.
 */
import { createServer, request, type Server } from 'node:http';
import { expect, test } from '@playwright/test';
import WebSocket from 'ws';
import { startLiveDashboard, type LiveDashboard } from './support/live-dashboard';
import { REBIND_HOST } from './support/rebind-host';

test.describe.configure({ mode: 'serial' });

let live: LiveDashboard;
let foreign: Server;
let foreignOrigin: string;
test.beforeAll(async () => {
  live = await startLiveDashboard();
  foreign = await startForeignSite(live.serve.port, live.serve.token);
  foreignOrigin = `http://127.0.0.1:${(foreign.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => foreign?.close(resolve));
  await live?.close();
});

/** Tries the dashboard's socket, token and all, and puts the outcome in the page's title. */
function socketAttempt(port: number, token: string): string {
  return `{
    const socket = new WebSocket('ws://127.0.0.1:${port}/ws?token=${token}');
    socket.onopen = () => { document.title = 'open'; socket.close(); };
    socket.onclose = () => { if (document.title !== 'open') document.title = 'refused'; };
  }`;
}

/** Another site on loopback (a different origin, the same site for cookies) running that attempt. */
function startForeignSite(port: number, token: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><title>foreign</title><script>${socketAttempt(port, token)}</script>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a browser without the token, or with a wrong one, gets 401 and no page', async ({ page }) => {
  const bare = await page.goto(`${live.serve.origin}/`);
  expect(bare?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('apsd-watch serve');
  const wrong = await page.goto(`${live.serve.origin}/?token=not-the-token`);
  expect(wrong?.status()).toBe(401);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
});

test('a rebound host name is refused even with the token', async ({ page }) => {
  const response = await page.goto(
    `http://${REBIND_HOST}:${live.serve.port}/?token=${live.serve.token}`,
  );
  expect(response?.status()).toBe(421);
  await expect(page.getByTestId('verdict')).toHaveCount(0);
});

test('a page on another origin cannot open the socket, even signed in and with the token', async ({
  page,
}) => {
  await page.goto(live.serve.url);
  await expect(page.getByTestId('verdict')).toBeVisible();
  // The control: the same attempt from the dashboard's own origin gets through.
  await page.evaluate(socketAttempt(live.serve.port, live.serve.token));
  await expect(page).toHaveTitle('open');

  await page.goto(foreignOrigin);
  await expect(page).toHaveTitle('refused');
});

test('the served CLI refuses a foreign Host and a foreign Origin at the protocol level', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    request(
      {
        host: '127.0.0.1',
        port: live.serve.port,
        path: `/?token=${live.serve.token}`,
        headers: { Host: `evil.example:${live.serve.port}` },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    )
      .on('error', reject)
      .end();
  });
  expect(status).toBe(421);

  const upgrade = await new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${live.serve.port}/ws?token=${live.serve.token}`, {
      origin: 'http://evil.example',
    });
    socket.once('open', () => resolve(101));
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
  expect(upgrade).toBe(403);
});
