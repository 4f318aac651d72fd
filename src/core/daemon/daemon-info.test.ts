import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDaemonWatcher } from './daemon-info';

/** A real process with a distinctive name: node, run through a symlink named like a daemon. */
const FAKE_NAME = 'fake-apsd-daemon';
const canRun = process.platform === 'linux' || process.platform === 'darwin';

let dir: string;
let link: string;
let script: string;
const children: ChildProcess[] = [];

async function startFake(): Promise<ChildProcess> {
  const child = spawn(link, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  expect(chunk.toString()).toBe('ready');
  return child;
}

async function stopFake(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited; // reaped by node, so it is gone from ps rather than a zombie
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apsd-watch-daemon-'));
  link = join(dir, FAKE_NAME);
  script = join(dir, 'sleep.mjs');
  await symlink(process.execPath, link);
  await writeFile(script, "process.stdout.write('ready'); setInterval(() => {}, 1 << 30);\n");
});

afterAll(async () => {
  await Promise.all(children.map(stopFake));
  await rm(dir, { recursive: true, force: true });
});

describe.runIf(canRun)('createDaemonWatcher (real processes)', () => {
  it('finds the daemon, notices it stop, and marks a restart when it comes back', async () => {
    const watcher = createDaemonWatcher(FAKE_NAME, { platform: process.platform });
    const before = Date.now();
    const first = await startFake();

    const running = await watcher.check(new Date());
    expect(running.status).toBe('ok');
    expect(running.detail).toBeNull();
    expect(running.daemon).toMatchObject({ name: FAKE_NAME, running: true, pid: first.pid });
    expect(running.daemon.restartedAt).toBeNull();
    expect(running.daemon.memoryBytes).toBeGreaterThan(1_000_000);
    expect(running.daemon.cpuPercent).toBeGreaterThanOrEqual(0);
    // ps's lstart is whole seconds, so the start time is known to about a second.
    const startedAt = Date.parse(running.daemon.startedAt!);
    expect(startedAt).toBeGreaterThanOrEqual(before - 2000);
    expect(startedAt).toBeLessThanOrEqual(Date.now() + 1000);

    await stopFake(first);
    const stopped = await watcher.check(new Date());
    expect(stopped.status).toBe('ok');
    expect(stopped.daemon).toMatchObject({ running: false, pid: null, restartedAt: null });

    const second = await startFake();
    const restarted = await watcher.check(new Date());
    expect(restarted.daemon).toMatchObject({ running: true, pid: second.pid });
    expect(second.pid).not.toBe(first.pid);
    expect(restarted.daemon.restartedAt).not.toBeNull();
    expect(Date.parse(restarted.daemon.restartedAt!)).toBeGreaterThanOrEqual(startedAt);

    // The restart stays on record; the same pid again is not another restart.
    const again = await watcher.check(new Date());
    expect(again.daemon.restartedAt).toBe(restarted.daemon.restartedAt);
    await stopFake(second);
  });

  it('reports a name that no process has as not running, and never matches a substring', async () => {
    const child = await startFake();
    const missing = createDaemonWatcher('no-such-daemon-apsd-watch', {
      platform: process.platform,
    });
    const partial = createDaemonWatcher('fake-apsd', { platform: process.platform });
    const [a, b] = [await missing.check(new Date()), await partial.check(new Date())];
    expect(a).toMatchObject({ status: 'ok', daemon: { running: false, pid: null } });
    expect(b).toMatchObject({ status: 'ok', daemon: { running: false, pid: null } });
    await stopFake(child);
  });

  it('describes the host once, from the real OS', async () => {
    const watcher = createDaemonWatcher(FAKE_NAME, { platform: process.platform });
    const { host, from } = await watcher.check(new Date());
    expect(host.platform).toBe(process.platform);
    // What the OS says of itself, asked another way than the watcher asks it.
    const expected =
      process.platform === 'darwin'
        ? ['-productName', '-productVersion'].map((flag) =>
            execFileSync('sw_vers', [flag], { encoding: 'utf8' }).trim(),
          )
        : execFileSync(
            'sh',
            ['-c', '. /etc/os-release && printf "%s\\n%s" "$NAME" "$VERSION_ID"'],
            {
              encoding: 'utf8',
            },
          ).split('\n');
    expect([host.osName, host.osVersion]).toEqual(expected.map((v) => v || null));
    expect(from).toBe(
      'ps -axww -o pid=,state=,pcpu=,rss=,lstart=,' +
        (process.platform === 'darwin' ? 'comm=' : 'args='),
    );
  });

  it('fails in one line, without throwing, when ps cannot run', async () => {
    const watcher = createDaemonWatcher(FAKE_NAME, { platform: process.platform });
    const savedPath = process.env.PATH;
    process.env.PATH = dir; // holds no ps
    try {
      const result = await watcher.check(new Date());
      expect(result.status).toBe('failed');
      expect(result.detail).toBe('ps: command not found');
      expect(result.daemon.running).toBe(false);
    } finally {
      process.env.PATH = savedPath;
    }
    const recovered = await watcher.check(new Date());
    expect(recovered.status).toBe('ok');
  });

  it('gives up on a ps that hangs, in one line', async () => {
    // A stand-in for a stuck `ps`: real ps cannot be made to hang on demand.
    const stuckDir = join(dir, 'stuck');
    await mkdir(stuckDir);
    await writeFile(join(stuckDir, 'ps'), '#!/bin/sh\nexec /bin/sleep 2\n', { mode: 0o755 });
    const watcher = createDaemonWatcher(FAKE_NAME, { platform: process.platform, timeoutMs: 300 });
    const savedPath = process.env.PATH;
    process.env.PATH = stuckDir;
    try {
      const result = await watcher.check(new Date());
      expect(result).toMatchObject({
        status: 'failed',
        detail: expect.stringMatching(/^ps -axww -o \S+: no answer within 0\.3 s, killed$/),
        daemon: { running: false },
      });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
if (!canRun) console.info('skipped: real-process daemon tests need Linux or macOS (ps)');
