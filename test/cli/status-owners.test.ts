/**
 * A one-shot `status` checks the daemon before it samples: when a process with the watched name
 * runs, its sockets are found by owner (ss -p) on any port; when none runs, ss is asked for the
 * watched ports only. A real process with a daemon-like name holds two real loopback links.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/snapshot';
import { runCliCaptured } from '../support/cli-harness';
import { closeAll, openLoopbackServer, type LoopbackServer } from '../support/loopback-sockets';

const onLinux = process.platform === 'linux';
if (!onLinux) console.info('skipped: the owner test samples Linux sockets with ss -p');

const NAME = 'fake-apsd-owner';

describe.runIf(onLinux)('status finds a running daemon first, then its sockets by owner', () => {
  let dir: string;
  let server: LoopbackServer;
  let owner: ChildProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apsd-watch-owner-'));
    server = await openLoopbackServer();
    const script = join(dir, 'hold.cjs');
    writeFileSync(
      script,
      `const net = require('node:net');
       const links = [0, 1].map(() => net.connect(${server.port}, '127.0.0.1'));
       let up = 0;
       for (const l of links) l.on('connect', () => { if (++up === 2) process.stdout.write('ready'); });
       setInterval(() => {}, 1 << 30);`,
    );
    symlinkSync(process.execPath, join(dir, NAME));
    owner = spawn(join(dir, NAME), [script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [chunk] = (await once(owner.stdout!, 'data')) as [Buffer];
    expect(chunk.toString()).toBe('ready');
  });

  afterAll(async () => {
    owner.kill('SIGKILL');
    await once(owner, 'exit').catch(() => undefined);
    await closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  const status = async (processName: string) => {
    const dataDir = join(dir, `data-${processName}`);
    // The watched peer port is one nobody uses: only ownership can attribute the links.
    const args = [
      'status',
      '--json',
      '--process',
      processName,
      '--port',
      '1',
      '--data-dir',
      dataDir,
    ];
    const { code, out, err } = await runCliCaptured(args);
    expect(err).toBe('');
    expect(code).toBe(0);
    return JSON.parse(out) as Snapshot;
  };

  it('attributes the running process’s links by owner, with its pid, in the first sample', async () => {
    const snapshot = await status(NAME);
    expect(snapshot.daemon).toMatchObject({ name: NAME, running: true, pid: owner.pid });
    expect(snapshot.source.sockets.from).toBe('ss -tanp');
    const mine = snapshot.connections.items.filter((i) => i.peer === `127.0.0.1:${server.port}`);
    expect(mine).toHaveLength(2);
    expect(mine.every((i) => i.pid === owner.pid && i.attributedBy === `process ${NAME}`)).toBe(
      true,
    );
  });

  it('asks only for the watched port when no process has the name', async () => {
    const snapshot = await status('no-such-daemon-here');
    expect(snapshot.daemon.running).toBe(false);
    expect(snapshot.source.sockets.from).toBe('ss -tan ( dport = :1 )');
    expect(snapshot.connections.total).toBe(0);
  });
});
