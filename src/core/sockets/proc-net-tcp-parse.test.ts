import { describe, expect, it } from 'vitest';
import { parseProcNetTcp } from './proc-net-tcp-parse';
import { countByState, readFixture } from '../../../test/support/fixtures';

const fixture = (name: string) => readFixture(`ss/${name}`);

describe('parseProcNetTcp', () => {
  it('reads /proc/net/tcp: little-endian hex, tx_queue as Send-Q, st codes 01..0B, inodes', () => {
    const result = parseProcNetTcp(fixture('proc-net-tcp.txt'), 'tcp4');
    expect(result.format).toBe('proc-net-tcp');
    expect(result.rows).toHaveLength(15);
    expect(countByState(result.rows)).toEqual({
      LISTEN: 2,
      FIN_WAIT_1: 3,
      ESTABLISHED: 2,
      TIME_WAIT: 1,
      SYN_SENT: 1,
      CLOSE_WAIT: 1,
      LAST_ACK: 1,
      FIN_WAIT_2: 1,
      CLOSING: 1,
      SYN_RECEIVED: 1,
      CLOSED: 1,
    });
    expect(result.rows[0]).toEqual({
      protocol: 'tcp4',
      localAddress: '*',
      localPort: 22,
      peerAddress: '*',
      peerPort: null,
      state: 'LISTEN',
      recvQueue: 0,
      sendQueue: 0,
      pid: null,
      process: null,
      inode: 21034,
    });
    const finWait1 = result.rows.filter((r) => r.state === 'FIN_WAIT_1');
    expect(
      finWait1.map((r) => [r.localPort, r.peerAddress, r.peerPort, r.sendQueue, r.inode]),
    ).toEqual([
      [46820, '127.0.0.1', 40123, 2626561, 0],
      [46822, '127.0.0.1', 40123, 2626561, 0],
      [46824, '127.0.0.1', 40123, 1310721, 0],
    ]);
    expect(result.rows[5]).toMatchObject({ recvQueue: 2583344, inode: 88130 });
    expect(result.rows[7]).toMatchObject({
      localAddress: '10.0.2.15',
      localPort: 48812,
      peerAddress: '17.57.146.20',
      peerPort: 5223,
      state: 'TIME_WAIT',
    });
    expect(result.warnings).toEqual([]);
  });

  it('reads /proc/net/tcp6 including IPv4-mapped, loopback, global and link-local addresses', () => {
    const result = parseProcNetTcp(fixture('proc-net-tcp6.txt'), 'tcp6');
    expect(result.format).toBe('proc-net-tcp6');
    expect(
      result.rows.map((r) => [r.localAddress, r.localPort, r.peerAddress, r.peerPort, r.state]),
    ).toEqual([
      ['*', 22, '*', null, 'LISTEN'],
      ['::ffff:127.0.0.1', 8080, '::ffff:127.0.0.1', 53212, 'ESTABLISHED'],
      ['::1', 5223, '::1', 40188, 'ESTABLISHED'],
      ['2001:db8:9::15', 50122, '2620:149:a44::10', 5223, 'FIN_WAIT_1'],
      ['fe80::5054:ff:fe12:3456', 22, 'fe80::1', 60112, 'ESTABLISHED'],
    ]);
    expect(result.rows[3]).toMatchObject({ protocol: 'tcp6', sendQueue: 1449, inode: 0 });
  });

  it('tells the two files apart by width when concatenated, and refuses a family mismatch', () => {
    const both = fixture('proc-net-tcp.txt') + fixture('proc-net-tcp6.txt');
    const auto = parseProcNetTcp(both);
    expect(auto.format).toBe('proc-net-tcp+tcp6');
    expect(auto.rows).toHaveLength(20);
    const mismatch = parseProcNetTcp(fixture('proc-net-tcp6.txt'), 'tcp4');
    expect(mismatch.rows).toHaveLength(0);
    expect(mismatch.skippedRows).toBe(5);
    expect(mismatch.warnings[0]).toContain('address width does not match tcp4');
  });

  it('skips garbled rows (bad hex, unknown state code, short lines) with one warning', () => {
    const header =
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
    const good =
      '   0: 0100007F:B6E4 0100007F:9CBB 04 00281401:00000000 04:000001F3 00000000     0        0 0 2 0';
    const text = [
      header,
      good,
      '   1: 0100007G:B6E4 0100007F:9CBB 04 00281401:00000000 04:000001F3 00000000     0        0 0 2 0',
      '   2: 0100007F:B6E4 0100007F:9CBB 1F 00281401:00000000 04:000001F3 00000000     0        0 0 2 0',
      '   3: 0100007F:B6E4 0100007F:9CBB 04',
      '   4: 0100007F:B6E4 0100007F:9CBB 04 00281401-00000000 04:000001F3 00000000     0        0 0 2 0',
    ].join('\n');
    const result = parseProcNetTcp(text, 'tcp4');
    expect(result.rows).toHaveLength(1);
    expect(result.skippedRows).toBe(4);
    expect(result.warnings).toEqual([
      '/proc/net/tcp: skipped 4 unreadable rows (first at line 3: unreadable address)',
    ]);
    expect(parseProcNetTcp('random words\n').format).toBeNull();
  });
});
