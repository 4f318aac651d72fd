/**
 * apsd itself, on a real Mac: the engine finds it running with a pid and a start time (checked
 * against pgrep and ps's elapsed time, not the columns the engine reads), attributes the sockets
 * netstat says apsd owns, and, where the Mac has a network, sees its ESTABLISHED courier link.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createDaemonWatcher } from '../../src/core/daemon/daemon-info';
import { attributeRows, compileRules } from '../../src/core/sockets/attribution';
import { createSocketSampler } from '../../src/core/sockets/socket-sampler';
import { APSD_RULES } from '../../src/shared/settings';
import type { SocketRow } from '../../src/shared/snapshot';
import { runCliCaptured } from '../support/cli-harness';
import { ON_MAC, onMacOnly } from '../support/mac-only';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const COURIER_PORTS = new Set([5223, 443]);

/** ps `etime`, `[[dd-]hh:]mm:ss`, in seconds. */
function elapsedSeconds(text: string): number {
  const [days, clock] = text.includes('-') ? text.split('-') : ['0', text];
  const parts = clock!.split(':').map(Number);
  while (parts.length < 3) parts.unshift(0);
  const [h, m, s] = parts as [number, number, number];
  return Number(days) * 86_400 + h * 3600 + m * 60 + s;
}

async function apsdPids(): Promise<number[]> {
  const { stdout } = await run('/usr/bin/pgrep', ['-x', 'apsd']);
  return stdout.trim().split('\n').map(Number);
}

const key = (row: SocketRow) =>
  `${row.localAddress}:${row.localPort}>${row.peerAddress}:${row.peerPort}`;

describe.runIf(onMacOnly('finding apsd and its sockets'))('apsd on this Mac', () => {
  it('is running, with a pid and a start time', async () => {
    const check = await createDaemonWatcher('apsd', { platform: 'darwin' }).check(new Date());
    expect(check.status).toBe('ok');
    expect(check.daemon.running).toBe(true);
    expect(await apsdPids()).toContain(check.daemon.pid);
    const { stdout } = await run('/bin/ps', ['-o', 'etime=', '-p', String(check.daemon.pid)]);
    const startedFromElapsed = Date.now() - elapsedSeconds(stdout.trim()) * 1000;
    expect(Math.abs(Date.parse(check.daemon.startedAt!) - startedFromElapsed)).toBeLessThan(3000);
    const version = await run('/usr/bin/sw_vers', ['-productVersion']);
    expect(check.host).toMatchObject({ osName: 'macOS', osVersion: version.stdout.trim() });
  });

  it('its sockets, as netstat names their owner, are attributed to it', async () => {
    const pids = await apsdPids();
    const sample = await createSocketSampler({ platform: 'darwin' }).sample();
    expect(sample.status).toBe('ok');
    const owned = sample.rows.filter(
      (row) => row.pid !== null && pids.includes(row.pid) && row.peerAddress !== '*',
    );
    const attributed = new Map(
      attributeRows(sample.rows, compileRules(APSD_RULES)).attributed.map((row) => [key(row), row]),
    );
    const namesPrinted = sample.rows.some((row) => row.process !== null);
    console.info(
      `apsd (pid ${pids.join(', ')}) owns ${owned.length} connected TCP sockets (${owned.map((r) => `${r.state} ${r.peerAddress}:${r.peerPort}`).join(', ') || 'none'}); netstat ${namesPrinted ? 'prints' : 'does not print'} process names`,
    );
    for (const row of owned) {
      // macOS 26's netstat names the process; older ones give the pid only, so there the rules
      // attribute by peer (port 5223 in Apple's ranges).
      if (namesPrinted) expect(attributed.get(key(row))?.attributedBy).toBe('process apsd');
      else if (row.peerPort === 5223) expect(attributed.has(key(row))).toBe(true);
    }
  });

  const expectNetwork = process.env.APSD_WATCH_EXPECT_NETWORK === '1';
  if (ON_MAC && !expectNetwork)
    console.info(
      'skipped: the courier-link check; set APSD_WATCH_EXPECT_NETWORK=1 on a Mac with a network (the CI workflow does)',
    );
  it.runIf(expectNetwork)(
    'with a network, its ESTABLISHED courier link is seen',
    async () => {
      const pids = await apsdPids();
      let link: SocketRow | undefined;
      for (let tries = 0; !link && tries < 30; tries++) {
        if (tries) await sleep(2000); // apsd may be between connections
        const { rows } = await createSocketSampler({ platform: 'darwin' }).sample();
        link = rows.find(
          (row) =>
            row.pid !== null &&
            pids.includes(row.pid) &&
            row.state === 'ESTABLISHED' &&
            COURIER_PORTS.has(row.peerPort ?? 0),
        );
      }
      expect(link, 'an ESTABLISHED apsd socket to port 5223 or 443').toBeDefined();
      console.info(`courier link: ${key(link!)}`);

      // The whole CLI says the same, as a user would read it.
      const dataDir = mkdtempSync(join(tmpdir(), 'apsd-watch-mac-status-'));
      const status = await runCliCaptured(['status', '--json', '--data-dir', dataDir]);
      rmSync(dataDir, { recursive: true, force: true });
      expect(status.code).toBe(0);
      const snapshot = JSON.parse(status.out) as {
        daemon: { running: boolean; pid: number };
        connections: { byState: Record<string, number> };
      };
      expect(snapshot.daemon.running).toBe(true);
      expect(pids).toContain(snapshot.daemon.pid);
      if (link!.peerPort === 5223)
        expect(snapshot.connections.byState.ESTABLISHED).toBeGreaterThan(0);
    },
    120_000,
  );
});
