import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APSD_RULES } from '../../shared/settings';
import type { SocketRow } from '../../shared/snapshot';
import { AddressError } from './address';
import { attributeRows, compileRules } from './attribution';
import { parseNetstat } from './netstat-parse';
import { makeSocketRow } from '../../../test/support/snapshot-fixture';

/** A FIN_WAIT_1 socket to Apple whose owner is unknown, with the test's changes. */
const row = (overrides: Partial<SocketRow>): SocketRow =>
  makeSocketRow({
    localAddress: '192.168.1.44',
    localPort: 50400,
    peerAddress: '17.57.146.21',
    state: 'FIN_WAIT_1',
    sendQueue: 517,
    pid: null,
    process: null,
    ...overrides,
  });

describe('attributeRows', () => {
  const apsd = compileRules(APSD_RULES);

  it('says why each socket counts: by process name, or by peer port and range', () => {
    const { attributed, unattributed } = attributeRows(
      [
        row({ process: 'apsd', pid: 412, peerAddress: '203.0.113.5', peerPort: 443 }),
        row({ process: null, pid: 388 }),
        row({ protocol: 'tcp6', peerAddress: '2620:149:a44:200::1d' }),
        row({ protocol: 'tcp6', peerAddress: '::ffff:17.1.2.3' }),
      ],
      apsd,
    );
    expect(unattributed).toBe(0);
    expect(attributed.map((r) => r.attributedBy)).toEqual([
      'process apsd',
      'peer port 5223 in 17.0.0.0/8',
      'peer port 5223 in 2620:149:a44::/48',
      'peer port 5223 in 17.0.0.0/8',
    ]);
    expect(attributed[0]).toMatchObject({ pid: 412, sendQueue: 517, state: 'FIN_WAIT_1' });
  });

  it('does not count port 5223 outside Apple ranges (XMPP) or Apple ranges on other ports', () => {
    const { attributed, unattributed } = attributeRows(
      [
        row({ process: 'imagent', peerAddress: '74.125.130.125' }),
        row({ peerPort: 443 }),
        row({ peerAddress: '*', peerPort: null, state: 'CLOSED' }),
      ],
      apsd,
    );
    expect(attributed).toEqual([]);
    expect(unattributed).toBe(3);
  });

  it('counts a LISTEN socket only by process name', () => {
    const rules = compileRules({
      processes: ['apsd'],
      peerPorts: [5223],
      peerCidrs: ['0.0.0.0/0'],
    });
    const listening = row({
      state: 'LISTEN',
      localPort: 5223,
      peerAddress: '0.0.0.0',
      peerPort: 5223,
    });
    expect(attributeRows([listening], rules).attributed).toEqual([]);
    expect(attributeRows([{ ...listening, process: 'apsd' }], rules).attributed).toHaveLength(1);
  });

  it('treats empty processes as no process rule and empty ports or ranges as no peer rule', () => {
    const named = row({ process: 'apsd' });
    const byPeer = row({});
    const noProcesses = compileRules({ ...APSD_RULES, processes: [] });
    expect(
      attributeRows([named, byPeer], noProcesses).attributed.map((r) => r.attributedBy),
    ).toEqual(['peer port 5223 in 17.0.0.0/8', 'peer port 5223 in 17.0.0.0/8']);
    const noPorts = compileRules({ ...APSD_RULES, peerPorts: [] });
    expect(attributeRows([named, byPeer], noPorts).attributed.map((r) => r.attributedBy)).toEqual([
      'process apsd',
    ]);
    const noRanges = compileRules({ ...APSD_RULES, peerCidrs: [] });
    expect(attributeRows([named, byPeer], noRanges).unattributed).toBe(1);
  });

  it('attributes a pid-only capture (10.12 era) by port and range by itself', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/netstat/macos-10.12-anv-p-tcp.txt', import.meta.url),
      'utf8',
    );
    const { attributed, unattributed } = attributeRows(parseNetstat(text).rows, apsd);
    // apsd's 7 sockets to 17.249.60.x:5223 (one ESTABLISHED, four FIN_WAIT_1, TIME_WAIT, FIN_WAIT_2)
    expect(attributed).toHaveLength(7);
    expect(attributed.filter((r) => r.state === 'FIN_WAIT_1')).toHaveLength(4);
    expect(unattributed).toBe(6);
  });

  it('attributes macOS 26 rows by name, and exited owners by peer', () => {
    const text = readFileSync(
      new URL('../../../test/fixtures/netstat/macos-26-anv-p-tcp.txt', import.meta.url),
      'utf8',
    );
    const { attributed } = attributeRows(parseNetstat(text).rows, apsd);
    const reasons: Record<string, number> = {};
    for (const r of attributed) reasons[r.attributedBy] = (reasons[r.attributedBy] ?? 0) + 1;
    expect(reasons).toEqual({ 'process apsd': 9, 'peer port 5223 in 17.0.0.0/8': 2 });
  });

  it('refuses an invalid range in the rules with a one-line error', () => {
    expect(() => compileRules({ ...APSD_RULES, peerCidrs: ['17.0.0.0/8', 'nonsense'] })).toThrow(
      AddressError,
    );
  });

  describe('peers netstat cut short, matched as prefixes', () => {
    const cut = (peerAddress: string, more: Partial<SocketRow> = {}) =>
      row({ protocol: 'tcp6', peerAddress, peerAddressCut: true, ...more });

    it('counts a cut IPv6 peer when every address it can stand for is in a watched range', () => {
      const { attributed } = attributeRows([cut('2620:149:a44:200')], apsd);
      expect(attributed).toHaveLength(1);
      expect(attributed[0]!.attributedBy).toBe(
        'peer port 5223 in 2620:149:a44::/48 (address cut to "2620:149:a44:200" by netstat: all it can be is in the range)',
      );
    });

    it('lists a cut peer as "may be watched" when some of what it can be is watched and some not', () => {
      // 2620:14 could be 2620:14::, 2620:140-14f::, 2620:1400-14ff:: ... 2620:149:a44::/48 is one of them.
      const { attributed, notAttributed } = attributeRows([cut('2620:14')], apsd);
      expect(attributed).toHaveLength(0);
      expect(notAttributed.mayBeWatched).toMatchObject({
        count: 1,
        byState: { FIN_WAIT_1: 1 },
        sendQueueBytes: 517,
      });
    });

    it('rules a cut peer out when nothing it can be is watched, with the reason', () => {
      const { notAttributed } = attributeRows([cut('2607:f8b0:4003:c')], apsd);
      expect(notAttributed.byReason).toEqual({ 'peer outside the watched ranges': 1 });
      const everything = compileRules({ ...APSD_RULES, peerCidrs: ['::/0'] });
      expect(attributeRows([cut('2607:f8b0:4003:c')], everything).attributed).toHaveLength(1);
    });

    it('treats a cut port as a prefix: 522 could be 5223, 52 too, 443 never', () => {
      const port = (peerPort: number) => row({ peerPort, peerPortCut: true });
      const result = attributeRows([port(522), port(52), port(443), port(5223)], apsd);
      expect(result.attributed).toHaveLength(0);
      // 5223 cut could be 52230-52239 as well: not every candidate is watched.
      expect(result.notAttributed.mayBeWatched.count).toBe(3);
      expect(result.notAttributed.byReason).toEqual({ 'peer port not watched': 1 });
    });

    it('counts a row whose peer is unknown as "peer unknown" with its state and queues', () => {
      const unknown = row({ peerAddress: '', peerPort: null, peerUnknown: 'redacted' });
      const { notAttributed } = attributeRows(
        [unknown, { ...unknown, state: 'ESTABLISHED' }],
        apsd,
      );
      expect(notAttributed.peerUnknown).toEqual({
        count: 2,
        byState: { FIN_WAIT_1: 1, ESTABLISHED: 1 },
        sendQueueBytes: 1034,
        example: 'peer redacted, FIN_WAIT_1',
        why: { redacted: 2 },
      });
    });
  });
});
