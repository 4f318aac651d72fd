import { describe, expect, it } from 'vitest';
import { parseSs } from './ss-parse';
import { countByState, readFixture } from '../../../test/support/fixtures';

const fixture = (name: string) => readFixture(`ss/${name}`);

describe('parseSs', () => {
  it('reads `ss -tan` with every state name mapped onto the macOS spelling', () => {
    const result = parseSs(fixture('ss-tan.txt'));
    expect(result.format).toBe('ss-tan');
    expect(result.rows).toHaveLength(24);
    expect(countByState(result.rows)).toEqual({
      LISTEN: 5,
      ESTABLISHED: 7,
      FIN_WAIT_1: 4,
      TIME_WAIT: 1,
      SYN_SENT: 1,
      SYN_RECEIVED: 1,
      CLOSE_WAIT: 1,
      LAST_ACK: 1,
      FIN_WAIT_2: 1,
      CLOSING: 1,
      CLOSED: 1,
    });
    const finWait1 = result.rows.filter((r) => r.state === 'FIN_WAIT_1');
    expect(finWait1.reduce((sum, r) => sum + r.sendQueue, 0)).toBe(6565292);
    expect(finWait1[0]).toEqual({
      protocol: 'tcp4',
      localAddress: '127.0.0.1',
      localPort: 46820,
      peerAddress: '127.0.0.1',
      peerPort: 40123,
      state: 'FIN_WAIT_1',
      recvQueue: 0,
      sendQueue: 2626561,
      pid: null,
      process: null,
    });
    expect(result.rows[7]).toMatchObject({ state: 'ESTABLISHED', recvQueue: 2583344 });
    expect(result.warnings).toEqual([]);
  });

  it('reads bracketed IPv6, IPv4-mapped addresses, wildcards and interface suffixes', () => {
    const rows = parseSs(fixture('ss-tan.txt')).rows;
    const endpoints = rows.map((r) => [
      r.protocol,
      r.localAddress,
      r.localPort,
      r.peerAddress,
      r.peerPort,
    ]);
    expect(endpoints[0]).toEqual(['tcp4', '127.0.0.53%lo', 53, '*', null]);
    expect(endpoints[1]).toEqual(['tcp4', '*', 22, '*', null]);
    expect(endpoints[18]).toEqual(['tcp6', '*', 22, '*', null]);
    expect(endpoints[19]).toEqual(['tcp46', '*', 8080, '*', null]);
    expect(endpoints[20]).toEqual(['tcp6', '::ffff:127.0.0.1', 8080, '::ffff:127.0.0.1', 53212]);
    expect(endpoints[21]).toEqual(['tcp6', '::1', 5223, '::1', 40188]);
    expect(endpoints[22]).toEqual(['tcp6', '2001:db8:9::15', 50122, '2620:149:a44::10', 5223]);
    expect(endpoints[23]).toEqual([
      'tcp6',
      'fe80::5054:ff:fe12:3456%eth0',
      22,
      'fe80::1%eth0',
      60112,
    ]);
  });

  it('reads `ss -tanp` owners, names with spaces, several users and orphans without any', () => {
    const result = parseSs(fixture('ss-tanp.txt'));
    expect(result.format).toBe('ss-tanp');
    expect(countByState(result.rows)).toEqual({
      LISTEN: 3,
      ESTABLISHED: 5,
      FIN_WAIT_1: 2,
      TIME_WAIT: 1,
    });
    expect(result.rows.map((r) => [r.process, r.pid])).toEqual([
      ['systemd-resolve', 512],
      ['sshd', 801],
      ['sshd', 2210],
      ['apsd-relay', 3011],
      [null, null],
      [null, null],
      ['Web Content', 4521],
      ['node', 5120],
      ['node', 5120],
      ['node', 5120],
      [null, null],
    ]);
    expect(result.rows.filter((r) => r.state === 'FIN_WAIT_1').map((r) => r.sendQueue)).toEqual([
      1448, 2896,
    ]);
  });

  it('reads the owner format of older ss releases, ("name",pid,fd)', () => {
    const text = [
      'State      Recv-Q Send-Q      Local Address:Port          Peer Address:Port',
      'ESTAB      0      0               10.0.2.15:22               10.0.2.2:51544  users:(("sshd",2210,4))',
    ].join('\n');
    expect(parseSs(text).rows[0]).toMatchObject({ process: 'sshd', pid: 2210 });
  });

  it('reads a leading Netid column and ignores non-TCP rows', () => {
    const text = [
      'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process',
      'udp   UNCONN 0      0          127.0.0.53%lo:53        0.0.0.0:*',
      'tcp   ESTAB  0      36          10.0.2.15:22        10.0.2.2:51544',
    ].join('\n');
    const result = parseSs(text);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ state: 'ESTABLISHED', sendQueue: 36, localPort: 22 });
  });

  it('skips and counts garbled rows with one warning, and finds no table in other text', () => {
    const text = [
      'State      Recv-Q Send-Q Local Address:Port Peer Address:Port Process',
      'ESTAB      0      0      10.0.2.15:22       10.0.2.2:51544',
      'ESTAB      x      0      10.0.2.15:22       10.0.2.2:51545',
      'WHATEVER   0      0      10.0.2.15:22       10.0.2.2:51546',
      'ESTAB      0      0      10.0.2.15          10.0.2.2:51547',
      'ESTAB      0',
    ].join('\n');
    const result = parseSs(text);
    expect(result.rows).toHaveLength(1);
    expect(result.skippedRows).toBe(4);
    expect(result.warnings).toEqual([
      'ss: skipped 4 unreadable rows (first at line 3: Recv-Q or Send-Q is not a number)',
    ]);
    expect(parseSs('').format).toBeNull();
    expect(parseSs('hello world\nthis is not ss\n').format).toBeNull();
  });
});
