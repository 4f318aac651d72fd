import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { CommandIo } from '../command';
import { runCli } from '../run-cli';

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

/** Runs `apsd-watch serve` in this process; `stop()` plays the user's Ctrl-C. */
function startServe(
  args: string[],
  env: NodeJS.ProcessEnv = { APSD_WATCH_RENDERER_DIR: rendererDir },
) {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (chunk) => (out += chunk));
  const stderr = new PassThrough().on('data', (chunk) => (err += chunk));
  let stop!: () => void;
  const io: CommandIo = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env,
    interrupted: new Promise<void>((resolve) => (stop = resolve)),
  };
  const exit = runCli(['serve', '--data-dir', join(base, 'data'), ...args], io);
  const printedUrl = new Promise<string>((resolve, reject) => {
    stdout.on('data', () => {
      const url = /^Dashboard: (\S+)$/m.exec(out)?.[1];
      if (url) resolve(url);
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  printedUrl.catch(() => undefined); // tests of failed starts never ask for the URL
  return { exit, printedUrl, stop, out: () => out, err: () => err };
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
      /--http-port N\s+the port the dashboard listens on, on 127\.0\.0\.1 only/,
    );
    expect(serve.out()).toMatch(/--port N\s+as in the other commands: the peer port/);
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
