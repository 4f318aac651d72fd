/**
 * Issue 9's settings bug end to end through the dashboard: `apsd-watch serve` with the real engine
 * and store, a signed-in WebSocket sending every bad update a browser could send. Each is refused
 * in one line, settings.json stays byte for byte, and serve starts again on the same folder.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_REQUEST_BYTES } from '../../src/server/dashboard-limits';
import type { ResponseFrame, ServerFrame } from '../../src/shared/dashboard-protocol';
import { BAD_SETTINGS, handEditedFile } from '../support/bad-settings';
import { startServe, type ServeRun } from '../support/serve-harness';

let base: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsd-serve-settings-'));
  const rendererDir = join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>settings test</title>');
  env = { APSD_WATCH_RENDERER_DIR: rendererDir };
});
afterAll(() => rm(base, { recursive: true, force: true }));

/** A signed-in dashboard socket that answers requests by id and reports how it closed. */
class Dashboard {
  private nextId = 1;
  private readonly waiting = new Map<number, (frame: ResponseFrame) => void>();
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.type === 'response') this.waiting.get(frame.id)?.(frame);
    });
    this.closed = new Promise((resolve) => socket.on('close', (code) => resolve(code)));
  }

  static open(url: string): Promise<Dashboard> {
    const { port, searchParams } = new URL(url);
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${searchParams.get('token')}`, {
      origin: `http://127.0.0.1:${port}`,
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new Dashboard(socket)));
      socket.once('error', reject);
    });
  }

  request(channel: string, args: unknown[]): Promise<ResponseFrame> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.socket.send(JSON.stringify({ type: 'request', id, channel, args }));
    });
  }

  send(text: string): void {
    this.socket.send(text);
  }

  close(): void {
    this.socket.close();
  }
}

async function served(dataDir: string): Promise<{ serve: ServeRun; url: string }> {
  const serve = startServe(dataDir, [], env);
  return { serve, url: await serve.printedUrl };
}

async function stopped(serve: ServeRun): Promise<void> {
  serve.stop();
  expect(await serve.exit).toBe(0);
}

describe('bad settings through the dashboard socket', { timeout: 60_000 }, () => {
  const sendable = BAD_SETTINGS.filter((b) => !b.inProcessOnly);

  it(`refuses each of ${sendable.length} kinds, changes nothing on disk, and serve restarts`, async () => {
    const dataDir = join(base, 'data');
    const { serve, url } = await served(dataDir);
    let refused = 0;
    let oversized = 0;
    try {
      let dashboard = await Dashboard.open(url);
      const good = await dashboard.request('settings:set', [{ trayTitle: 'always' }]);
      expect(good).toMatchObject({ ok: true, result: { trayTitle: 'always' } });
      const path = join(dataDir, 'settings.json');
      const before = await readFile(path, 'utf8');
      const listing = (await readdir(dataDir)).sort();
      for (const bad of sendable) {
        const frame = JSON.stringify({
          type: 'request',
          id: 0,
          channel: 'settings:set',
          args: [bad.patch],
        });
        if (Buffer.byteLength(frame) > MAX_REQUEST_BYTES) {
          // Over the frame cap: the server closes the socket (1009) without reading it.
          dashboard.send(frame);
          expect(await dashboard.closed, bad.name).toBe(1009);
          dashboard = await Dashboard.open(url);
          oversized += 1;
        } else {
          const reply = await dashboard.request('settings:set', [bad.patch]);
          expect(reply.ok, bad.name).toBe(false);
          const error = reply.ok ? '' : reply.error;
          expect(error, bad.name).toMatch(
            /^settings:set: (invalid argument at \S+|invalid settings): \S/,
          );
          expect(error, bad.name).not.toContain('\n');
          refused += 1;
        }
        expect(await readFile(path, 'utf8'), bad.name).toBe(before);
        expect((await readdir(dataDir)).sort(), bad.name).toEqual(listing);
      }
      const now = await dashboard.request('settings:get', []);
      expect(now).toMatchObject({ ok: true, result: JSON.parse(before) });
      dashboard.close();
    } finally {
      await stopped(serve);
    }
    expect(refused + oversized).toBe(sendable.length);
    expect(serve.err()).not.toMatch(/\n\s+at /);

    const again = await served(dataDir);
    try {
      const dashboard = await Dashboard.open(again.url);
      expect(await dashboard.request('settings:get', [])).toMatchObject({
        ok: true,
        result: { trayTitle: 'always' },
      });
      dashboard.close();
    } finally {
      await stopped(again.serve);
    }
    expect(again.serve.err()).not.toContain('settings.json');
  });

  it('starts on a hand-edited bad file with a warning on stderr and in the snapshot', async () => {
    const dataDir = join(base, 'hand-edited');
    await mkdir(dataDir);
    await writeFile(
      join(dataDir, 'settings.json'),
      handEditedFile({ rules: { peerCidrs: ['bogus'] } }),
    );
    const { serve, url } = await served(dataDir);
    try {
      expect(serve.err()).toMatch(
        /warning: settings\.json was unreadable \(rules\.peerCidrs\.0: “bogus”/,
      );
      const dashboard = await Dashboard.open(url);
      const snapshot = await dashboard.request('snapshot:get', []);
      expect(snapshot.ok && (snapshot.result as { warnings: string[] }).warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/^settings\.json was unreadable/)]),
      );
      expect(await dashboard.request('settings:set', [{ trayTitle: 'never' }])).toMatchObject({
        ok: true,
      });
      dashboard.close();
    } finally {
      await stopped(serve);
    }
  });
});
