import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startServe as startServeIn, type ServeRun } from '../../../test/support/serve-harness';

let base: string;
let rendererDir: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'apsd-serve-'));
  rendererDir = join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>serve test</title>');
  await writeFile(join(base, 'system.log'), '');
});
afterAll(() => rm(base, { recursive: true, force: true }));

function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = { APSD_WATCH_RENDERER_DIR: rendererDir },
): ServeRun {
  return startServeIn(join(base, 'data'), args, env);
}

function get(url: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, location: res.headers.location });
    })
      .on('error', reject)
      .end();
  });
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('apsd-watch serve', () => {
  it('prints the URL once, serves it with the real engine, and stops cleanly on Ctrl-C', async () => {
    const serve = startServe(['--log-file', join(base, 'system.log'), '--interval', '1']);
    const url = await serve.printedUrl;
    const { port, searchParams } = new URL(url);
    const token = searchParams.get('token')!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(serve.out()).toContain('127.0.0.1');
    expect(serve.out()).toContain(`ssh -L ${port}:127.0.0.1:${port}`);
    expect(serve.out().split(token)).toHaveLength(2);

    expect(await get(url)).toEqual({ status: 303, location: '/' });
    expect((await get(`http://127.0.0.1:${port}/`)).status).toBe(401);

    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, {
      origin: `http://127.0.0.1:${port}`,
    });
    const pushed = await new Promise<{ channel: string; payload: { schemaVersion: number } }>(
      (resolve, reject) => {
        socket.on('message', (data) => resolve(JSON.parse(String(data))));
        socket.once('error', reject);
      },
    );
    expect(pushed.channel).toBe('snapshot');
    expect(pushed.payload.schemaVersion).toBe(1);
    const closed = new Promise<number>((resolve) => socket.on('close', resolve));

    serve.stop();
    expect(await serve.exit).toBe(0);
    expect(await closed).toBe(1001);
    expect(serve.err()).toContain('apsd-watch serve: stopped.');
    expect(await portRefuses(Number(port))).toBe(true);
  });

  it('explains --http-port and --port in --help', async () => {
    const serve = startServe(['--help']);
    expect(await serve.exit).toBe(0);
    expect(serve.out()).toMatch(
      /--http-port N\s+The port the dashboard listens on, on 127\.0\.0\.1 only/,
    );
    expect(serve.out()).toMatch(/--port N\s+Watch connections whose far end is on this port/);
  });

  it.each(['-1', 'abc', '65536', '80.5'])(
    'refuses --http-port %s with exit 2 and one line',
    async (value) => {
      const serve = startServe([`--http-port=${value}`]);
      expect(await serve.exit).toBe(2);
      expect(serve.err()).toBe(
        `apsd-watch serve: --http-port: expected a port number 0-65535, got '${value}'\n`,
      );
    },
  );

  it('fails with one line, and no URL, when the page was not built', async () => {
    const missing = join(base, 'not-built');
    const serve = startServe(['--log-file', join(base, 'system.log')], {
      APSD_WATCH_RENDERER_DIR: missing,
    });
    expect(await serve.exit).toBe(1);
    expect(serve.err()).toBe(
      `apsd-watch serve: dashboard page not found in ${missing}; run \`npm run build\` first\n`,
    );
    expect(serve.out()).not.toContain('Dashboard:');
  });
});
