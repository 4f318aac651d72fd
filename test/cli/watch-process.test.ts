/** `apsd-watch watch` as a user runs it: the built CLI in a real child process, stopped by Ctrl-C (SIGINT). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
} from '../support/loopback-sockets';
import { builtCli } from '../support/built-cli';

const onLinux = process.platform === 'linux';
if (!onLinux) console.info('skipped: the watch process test samples Linux loopback sockets');

describe.runIf(onLinux)('apsd-watch watch in a child process', () => {
  let server: LoopbackServer;
  let dataDir: string;

  beforeAll(async () => {
    await builtCli();
    dataDir = mkdtempSync(join(tmpdir(), 'apsd-watch-watch-'));
    server = await openLoopbackServer();
    await createFinWait1(server, 5);
  });

  afterAll(async () => {
    await closeAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one line per sample into a pipe and exits 0 on Ctrl-C, leaving its history behind', async () => {
    const child = spawn(
      process.execPath,
      [
        'bin/apsd-watch.mjs',
        'watch',
        '--interval',
        '1',
        '--data-dir',
        dataDir,
        '--port',
        String(server.port),
        '--peer',
        '127.0.0.0/8',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no two samples in time: ${out}${err}`)),
        30_000,
      );
      child.stdout.on('data', () => {
        if (out.split('\n').filter(Boolean).length >= 2) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatch(/ fin_wait_1=5 /);
    expect(err).not.toMatch(/\n\s+at /);
    expect(readdirSync(dataDir)).toContain('history.json');
  }, 60_000);
});
