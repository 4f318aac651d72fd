/**
 * `status --json` against real kernel sockets: FIN_WAIT_1 made on loopback by a server that never
 * reads and clients that fill their send buffers and close, beside ESTABLISHED ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/snapshot';
import { runCliCaptured } from '../support/cli-harness';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
} from '../support/loopback-sockets';

const onLinux = process.platform === 'linux';
if (!onLinux)
  console.info(
    'skipped: the loopback FIN_WAIT_1 test samples Linux sockets with ss (macOS runs the netstat parser tests)',
  );

describe.runIf(onLinux)('apsd-watch status on real loopback sockets', () => {
  let server: LoopbackServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'apsd-watch-status-'));
    server = await openLoopbackServer();
    await createFinWait1(server, 40);
    await createEstablished(server, 6);
  });

  afterAll(async () => {
    await closeAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('counts exactly the FIN_WAIT_1 and ESTABLISHED sockets it is told to watch', async () => {
    const { code, out, err } = await runCliCaptured([
      'status',
      '--json',
      '--port',
      String(server.port),
      '--peer',
      '127.0.0.0/8',
      '--data-dir',
      dataDir,
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const snapshot = JSON.parse(out) as Snapshot;
    const c = snapshot.connections;
    // Client side only: the peer port is the server's, so the server's own half never counts.
    expect(c.finWait1.count).toBe(40);
    expect(c.byState.ESTABLISHED).toBe(6);
    expect(c.total).toBe(46);
    expect(c.finWait1.sendQueueBytes).toBeGreaterThan(0);
    const stuck = c.items.filter((i) => i.state === 'FIN_WAIT_1');
    expect(stuck.every((i) => i.sendQueue > 0 && i.peer === `127.0.0.1:${server.port}`)).toBe(true);
    expect(stuck.every((i) => i.attributedBy === `peer port ${server.port} in 127.0.0.0/8`)).toBe(
      true,
    );
    expect(snapshot.source.sockets.status).toBe('ok');
    // apsd was checked first and is absent, so owners are not needed: the kernel is asked for the
    // watched peer port only, and every row it returns is one of the test's.
    expect(snapshot.source.sockets.from).toBe(`ss -tan ( dport = :${server.port} )`);
    expect(snapshot.source.sockets.rowsRead).toBe(46);
    expect(snapshot.source.sockets.rowsAttributed).toBe(46);
    // No apsd on Linux: said plainly, not guessed.
    expect(snapshot.daemon.running).toBe(false);
    expect(snapshot.source.logs.status).toBe('unavailable');
    expect(snapshot.source.logs.detail).toMatch(/only on macOS/);
  });

  it('says in words what it sampled when apsd is not there', async () => {
    const { code, out } = await runCliCaptured([
      'status',
      '--port',
      String(server.port),
      '--peer',
      '127.0.0.0/8',
      '--data-dir',
      dataDir,
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/apsd: not running on this machine/);
    expect(out).toMatch(/40 connections lingering in FIN_WAIT_1/);
  });
});
