/**
 * The live sampler on a real Mac, against the test's own loopback socket farm: the engine's parse
 * of `netstat -anvl -p tcp` agrees with `lsof` (read here by a separate, minimal reader) on counts,
 * states, owners and queues; and the nettop fallback, read from the live machine, agrees with
 * netstat on the same sockets.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocketSampler } from '../../src/core/sockets/socket-sampler';
import type { SocketRow } from '../../src/shared/snapshot';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
  type LoopbackServer,
  type SocketGroup,
} from '../support/loopback-sockets';
import { onMacOnly } from '../support/mac-only';

const run = promisify(execFile);
const FIN_WAIT_1 = 10;
const ESTABLISHED = 5;

interface LsofSocket {
  pid: number;
  localPort: number;
  peerPort: number | null;
  state: string;
  recvQueue: number | null;
  sendQueue: number | null;
}

/** `lsof -F pnT` output: p<pid>, then per file n<local>-><peer> and T<key>=<value> lines. */
function parseLsofFields(text: string): LsofSocket[] {
  const sockets: LsofSocket[] = [];
  let pid = 0;
  let current: LsofSocket | null = null;
  for (const line of text.split('\n')) {
    const field = line[0];
    const value = line.slice(1);
    if (field === 'p') pid = Number(value);
    else if (field === 'f') current = null;
    else if (field === 'n') {
      const [local, peer] = value.split('->');
      const portOf = (end: string | undefined) =>
        end === undefined ? null : Number(end.slice(end.lastIndexOf(':') + 1)) || null;
      current = {
        pid,
        localPort: portOf(local) ?? 0,
        peerPort: portOf(peer),
        state: '',
        recvQueue: null,
        sendQueue: null,
      };
      sockets.push(current);
    } else if (field === 'T' && current) {
      const [key, v] = value.split('=');
      if (key === 'ST') current.state = v ?? '';
      if (key === 'QR') current.recvQueue = Number(v);
      if (key === 'QS') current.sendQueue = Number(v);
    }
  }
  return sockets;
}

async function lsofOwnTcp(): Promise<LsofSocket[]> {
  const { stdout } = await run(
    '/usr/sbin/lsof',
    ['-nP', '-iTCP', '-a', '-p', String(process.pid), '-Tqs', '-F', 'pfnT'],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return parseLsofFields(stdout);
}

const byState = (rows: readonly { state: string }[]) =>
  rows.reduce<Record<string, number>>(
    (n, row) => ((n[row.state] = (n[row.state] ?? 0) + 1), n),
    {},
  );

describe.runIf(onMacOnly('the live sampler against lsof and nettop'))(
  'live sockets on macOS',
  () => {
    let server: LoopbackServer;
    let stuck: SocketGroup;
    let live: SocketGroup;
    let work: string;
    /** The farm's rows in a table: client sides (peer = server) and server sides (local = server). */
    const farmRows = (rows: readonly SocketRow[]) => ({
      clients: rows.filter((r) => r.peerPort === server.port && r.localAddress === '127.0.0.1'),
      servers: rows.filter((r) => r.localPort === server.port && r.peerAddress !== '*'),
    });

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'apsd-watch-mac-sockets-'));
      server = await openLoopbackServer();
      stuck = await createFinWait1(server, FIN_WAIT_1); // verified with netstat on macOS
      live = await createEstablished(server, ESTABLISHED);
    });

    afterAll(async () => {
      await closeAll();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('netstat -anvl -p tcp, as the sampler parses it, agrees with lsof', async () => {
      const sample = await createSocketSampler({ platform: 'darwin' }).sample();
      expect(sample.status).toBe('ok');
      expect(sample.from).toBe('netstat -anvl -p tcp');
      const netstat = farmRows(sample.rows);
      const lsof = await lsofOwnTcp();
      const lsofClients = lsof.filter((s) => s.peerPort === server.port);
      const lsofServers = lsof.filter((s) => s.localPort === server.port && s.peerPort !== null);

      // Client sides: the ESTABLISHED ones are open (lsof sees them), the FIN_WAIT_1 ones are
      // orphans with no descriptor (lsof cannot), and netstat -v still names their last pid.
      expect(byState(netstat.clients)).toEqual({ ESTABLISHED, FIN_WAIT_1 });
      expect(byState(lsofClients)).toEqual({ ESTABLISHED });
      expect(new Set(lsofClients.map((s) => s.localPort))).toEqual(new Set(live.localPorts));
      const stuckRows = netstat.clients.filter((r) => r.state === 'FIN_WAIT_1');
      expect(new Set(stuckRows.map((r) => r.localPort))).toEqual(new Set(stuck.localPorts));
      expect(stuckRows.every((r) => r.sendQueue > 0)).toBe(true);
      expect(new Set(netstat.clients.map((r) => r.pid))).toEqual(new Set([process.pid]));

      // Server sides: all open, all ESTABLISHED, owned by this process in both tools; the bytes the
      // server never read sit in its receive queues, and both tools count the same bytes.
      expect(byState(netstat.servers)).toEqual({ ESTABLISHED: ESTABLISHED + FIN_WAIT_1 });
      expect(byState(lsofServers)).toEqual({ ESTABLISHED: ESTABLISHED + FIN_WAIT_1 });
      expect(new Set(netstat.servers.map((r) => r.peerPort))).toEqual(
        new Set(lsofServers.map((s) => s.peerPort)),
      );
      expect(new Set(netstat.servers.map((r) => r.pid))).toEqual(new Set([process.pid]));
      expect(new Set(lsof.map((s) => s.pid))).toEqual(new Set([process.pid]));
      const sum = (values: (number | null)[]) => values.reduce<number>((a, b) => a + (b ?? 0), 0);
      expect(sum(netstat.servers.map((r) => r.recvQueue))).toBeGreaterThan(0);
      expect(sum(netstat.servers.map((r) => r.recvQueue))).toBe(
        sum(lsofServers.map((s) => s.recvQueue)),
      );
    });

    it('the nettop fallback, read from this Mac, agrees with netstat on the same sockets', async () => {
      // A netstat that shows only listening sockets, as macOS may show a non-root caller, so the
      // sampler falls back to the real nettop.
      const listeningOnly = join(work, 'netstat-listening-only');
      writeFileSync(
        listeningOnly,
        `#!/bin/sh\n/usr/sbin/netstat "$@" | awk 'NR <= 2 || /LISTEN/'\n`,
      );
      chmodSync(listeningOnly, 0o755);
      const fallback = await createSocketSampler({
        platform: 'darwin',
        commands: { netstat: listeningOnly },
      }).sample();
      const direct = await createSocketSampler({ platform: 'darwin' }).sample();
      expect(fallback.status).toBe('fallback');
      expect(fallback.from).toMatch(/^nettop /);
      const viaNettop = farmRows(fallback.rows);
      const viaNetstat = farmRows(direct.rows);
      console.info(
        `nettop saw clients ${JSON.stringify(byState(viaNettop.clients))}, servers ${JSON.stringify(byState(viaNettop.servers))}; netstat clients ${JSON.stringify(byState(viaNetstat.clients))}`,
      );
      expect(byState(viaNettop.clients)).toEqual(byState(viaNetstat.clients));
      expect(byState(viaNettop.servers)).toEqual(byState(viaNetstat.servers));
      const open = [
        ...viaNettop.servers,
        ...viaNettop.clients.filter((r) => r.state !== 'FIN_WAIT_1'),
      ];
      expect(new Set(open.map((r) => r.pid))).toEqual(new Set([process.pid]));
    });
  },
);
