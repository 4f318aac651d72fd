/**
 * Test support only: the real renderer bundle (built in memory by Vite from index.html, CSP and
 * all) opened in real Chromium, with Playwright's WebSocket routing standing in for the dashboard
 * server: it answers the request frames of dashboard-protocol.ts and pushes frames on demand.
 */
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page, type WebSocketRoute } from '@playwright/test';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import type { RequestFrame } from '../../src/shared/dashboard-protocol';
import type { PushChannel, PushChannels } from '../../src/shared/ipc-contract';

/** Built files by path ("/index.html", "/assets/index-x.js"). */
export type Bundle = Map<string, { body: string; type: string }>;

const TYPES: Record<string, string> = { html: 'text/html', js: 'text/javascript', css: 'text/css' };

export async function buildBundle(): Promise<Bundle> {
  const root = new URL('../../src/renderer/', import.meta.url).pathname;
  const output = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [react()],
    build: { write: false, outDir: 'dist', rollupOptions: { input: `${root}index.html` } },
  });
  const outputs = Array.isArray(output) ? output : [output];
  const bundle: Bundle = new Map();
  for (const result of outputs) {
    if (!('output' in result)) throw new Error('vite build returned a watcher');
    for (const file of result.output) {
      const source = file.type === 'chunk' ? file.code : file.source;
      const body = typeof source === 'string' ? source : new TextDecoder().decode(source);
      const extension = file.fileName.split('.').pop() ?? '';
      const path = `/${file.fileName.replace(/^.*\/src\/renderer\//, '')}`;
      bundle.set(path, { body, type: TYPES[extension] ?? 'application/octet-stream' });
    }
  }
  return bundle;
}

/** Chromium that does not start fails the suite with Playwright's reason: it never skips. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

/** Answers one request; return undefined to leave it unanswered, throw to send an error. */
export type Answer = (request: RequestFrame) => unknown;

export interface Popover {
  page: Page;
  requests: RequestFrame[];
  push<P extends PushChannel>(channel: P, payload: PushChannels[P]): void;
  /** Closes the page's socket from the server side, as a server restart would. */
  dropSocket(): void;
  violations(): Promise<string[]>;
}

export async function openPopover(
  browser: Browser,
  bundle: Bundle,
  answer: Answer,
  options: { origin?: string; colorScheme?: 'light' | 'dark' } = {},
): Promise<Popover> {
  const origin = options.origin ?? 'http://popover.test';
  const context = await browser.newContext({
    viewport: { width: 380, height: 560 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  // Page-side code as text, so this file type-checks without the DOM lib (Node tests import it).
  await page.addInitScript({
    content: `const seen = [];
      window.cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) =>
        seen.push(event.violatedDirective + ' ' + event.blockedURI));`,
  });
  const requests: RequestFrame[] = [];
  const sockets = new Set<WebSocketRoute>();
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = bundle.get(path === '/' ? '/index.html' : path);
    return file
      ? route.fulfill({ status: 200, contentType: file.type, body: file.body })
      : route.fulfill({ status: 404, body: 'not found' });
  });
  await page.routeWebSocket(`${origin.replace(/^http/, 'ws')}/ws`, (socket) => {
    sockets.add(socket);
    socket.onClose(() => sockets.delete(socket));
    socket.onMessage((message) => {
      const request = JSON.parse(String(message)) as RequestFrame;
      requests.push(request);
      let result: unknown;
      try {
        result = answer(request);
      } catch (error) {
        socket.send(
          JSON.stringify({
            type: 'response',
            id: request.id,
            ok: false,
            error: String((error as Error).message),
          }),
        );
        return;
      }
      if (result === undefined) return;
      socket.send(JSON.stringify({ type: 'response', id: request.id, ok: true, result }));
    });
  });
  await page.goto(`${origin}/`);
  return {
    page,
    requests,
    push(channel, payload) {
      for (const socket of sockets) socket.send(JSON.stringify({ type: 'push', channel, payload }));
    },
    dropSocket() {
      for (const socket of sockets) void socket.close({ code: 1006 });
    },
    violations: () => page.evaluate<string[]>('window.cspViolations'),
  };
}
