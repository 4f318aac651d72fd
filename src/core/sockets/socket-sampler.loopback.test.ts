import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
} from '../../../test/support/loopback-sockets';
import { attributeRows, compileRules } from './attribution';
import { ConnectionTracker } from './connection-tracker';
import { createSocketSampler } from './socket-sampler';

const linux = process.platform === 'linux';
if (!linux) console.info('skipped: the real-kernel socket test reads Linux ss and /proc/net/tcp');
const finiteFdLimit =
  linux && /^Max open files\s+\d+/m.test(readFileSync('/proc/self/limits', 'utf8'));
if (linux && !finiteFdLimit)
  console.info('skipped: the descriptor-budget test needs a finite ulimit -n');

afterAll(closeAll);

describe.runIf(linux)('Linux sampler on real loopback sockets', () => {
  // ss first, then the /proc fallback (ss pointed at a path that does not exist).
  it.each([
    ['ss -tan', 'ok', 'ss'],
    ['/proc/net/tcp + /proc/net/tcp6', 'fallback', '/nonexistent/ss'],
  ])(
    'counts exactly 30 FIN_WAIT_1 (Send-Q > 0) and 5 ESTABLISHED from %s',
    async (from, status, ss) => {
      const server = await openLoopbackServer();
      await createFinWait1(server, 30);
      await createEstablished(server, 5);
      const rules = compileRules({
        processes: [],
        peerPorts: [server.port],
        peerCidrs: ['127.0.0.0/8'],
      });

      const sample = await createSocketSampler({ platform: 'linux', commands: { ss } }).sample();
      expect(sample).toMatchObject({ status, from });
      const { attributed } = attributeRows(sample.rows, rules);
      const finWait1 = attributed.filter((r) => r.state === 'FIN_WAIT_1');
      expect(finWait1).toHaveLength(30);
      for (const row of finWait1) {
        expect(row.sendQueue).toBeGreaterThan(0);
        expect(row.peerPort).toBe(server.port);
        expect(row.attributedBy).toBe(`peer port ${server.port} in 127.0.0.0/8`);
        expect(row.pid).toBeNull(); // orphaned: no owner
      }
      expect(attributed.filter((r) => r.state === 'ESTABLISHED')).toHaveLength(5);
      expect(attributed).toHaveLength(35); // the server sides' peer port is the client's, not ours

      const summary = new ConnectionTracker().update(attributed, sample.at);
      expect(summary.finWait1.count).toBe(30);
      expect(summary.finWait1.sendQueueBytes).toBe(finWait1.reduce((s, r) => s + r.sendQueue, 0));
      expect(summary.established.count).toBe(5);
      expect(summary.items.slice(0, 30).every((i) => i.state === 'FIN_WAIT_1')).toBe(true);
    },
  );

  it.runIf(finiteFdLimit)(
    'refuses more sockets than ulimit -n allows, before opening any',
    async () => {
      const server = await openLoopbackServer();
      await expect(createFinWait1(server, 1_000_000)).rejects.toThrow(
        /^loopback sockets: \d+ more descriptors needed, only \d+ left under ulimit -n \d+$/,
      );
    },
  );

  it.each([
    ['ss -tanp', 'ss'],
    ['the /proc/<pid>/fd scan', '/nonexistent/ss'],
  ])('names the owner of a live socket only when asked (%s), none for orphans', async (_, ss) => {
    const server = await openLoopbackServer();
    const stuck = await createFinWait1(server, 3);
    const live = await createEstablished(server, 2);
    const rules = compileRules({
      processes: [],
      peerPorts: [server.port],
      peerCidrs: ['127.0.0.0/8'],
    });
    const comm = readFileSync('/proc/self/comm', 'utf8').trim();

    const named = attributeRows(
      (
        await createSocketSampler({
          platform: 'linux',
          needProcessNames: true,
          commands: { ss },
        }).sample()
      ).rows,
      rules,
    ).attributed;
    expect(named.filter((r) => r.state === 'ESTABLISHED').map((r) => [r.pid, r.process])).toEqual([
      [process.pid, comm],
      [process.pid, comm],
    ]);
    expect(named.filter((r) => r.state === 'FIN_WAIT_1').map((r) => r.pid)).toEqual([
      null,
      null,
      null,
    ]);

    const unnamed = attributeRows(
      (await createSocketSampler({ platform: 'linux', commands: { ss } }).sample()).rows,
      rules,
    ).attributed;
    expect(unnamed.every((r) => r.pid === null && r.process === null)).toBe(true);

    // A process rule alone now matches the live sockets by name.
    const byName = compileRules({ processes: [comm], peerPorts: [], peerCidrs: [] });
    const ours = attributeRows(
      (
        await createSocketSampler({
          platform: 'linux',
          needProcessNames: true,
          commands: { ss },
        }).sample()
      ).rows,
      byName,
    ).attributed.filter((r) => r.peerPort === server.port && live.localPorts.includes(r.localPort));
    expect(ours.map((r) => r.attributedBy)).toEqual([`process ${comm}`, `process ${comm}`]);

    await stuck.close();
    await live.close();
    const after = attributeRows(
      (await createSocketSampler({ platform: 'linux', commands: { ss } }).sample()).rows,
      rules,
    );
    expect(after.attributed).toEqual([]); // resets leave nothing behind, not even TIME_WAIT
  });

  it('asks the kernel for the watched peer ports only, and finds the same sockets', async () => {
    const server = await openLoopbackServer();
    const other = await openLoopbackServer();
    await createFinWait1(server, 4);
    await createEstablished(server, 2);
    await createEstablished(other, 3);
    const rules = compileRules({
      processes: [],
      peerPorts: [server.port],
      peerCidrs: ['127.0.0.0/8'],
    });

    const whole = await createSocketSampler({ platform: 'linux' }).sample();
    const filtered = await createSocketSampler({
      platform: 'linux',
      peerPorts: [server.port],
    }).sample();
    expect(filtered.from).toBe(`ss -tan ( dport = :${server.port} )`);
    // Only the watched port's rows come back: none of the other server's, none of the server sides.
    expect(filtered.rows.every((r) => r.peerPort === server.port)).toBe(true);
    expect(filtered.rows.length).toBeLessThan(whole.rows.length);
    const key = (r: { localPort: number; state: string }) => `${r.localPort} ${r.state}`;
    expect(attributeRows(filtered.rows, rules).attributed.map(key).sort()).toEqual(
      attributeRows(whole.rows, rules).attributed.map(key).sort(),
    );
    expect(filtered.rows).toHaveLength(6);
  });
});
