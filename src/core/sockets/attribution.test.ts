import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APSD_RULES } from '../../shared/settings';
import type { SocketRow } from '../../shared/snapshot';
import { AddressError } from './address';
import { attributeRows, compileRules } from './attribution';
import { parseNetstat } from './netstat-parse';

function row(overrides: Partial<SocketRow>): SocketRow {
  return {
    protocol: 'tcp4',
    localAddress: '192.168.1.44',
    localPort: 50400,
    peerAddress: '17.57.146.21',
    peerPort: 5223,
    state: 'FIN_WAIT_1',
    recvQueue: 0,
    sendQueue: 517,
    pid: null,
    process: null,
    ...overrides,
  };
}

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
});
