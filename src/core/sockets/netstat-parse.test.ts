import { describe, expect, it } from 'vitest';
import type { SocketRow } from '../../shared/snapshot';
import { parseNetstat } from './netstat-parse';
import { countByState, readFixture } from '../../../test/support/fixtures';

const fixture = (name: string) => readFixture(`netstat/${name}`);

const sendQueueOf = (rows: SocketRow[], state: string) =>
  rows.filter((r) => r.state === state).reduce((sum, r) => sum + r.sendQueue, 0);

describe('parseNetstat on every documented era', () => {
  it('reads OS X 10.9 `netstat -An` (socket and flowhash columns, 18-wide addresses)', () => {
    const result = parseNetstat(fixture('macos-10.9-An.txt'));
    expect(result.format).toBe('netstat-An');
    expect(result.rows).toHaveLength(11); // UDP rows and the UNIX section are not TCP rows
    expect(countByState(result.rows)).toEqual({
      ESTABLISHED: 3,
      FIN_WAIT_1: 5,
      CLOSE_WAIT: 1,
      TIME_WAIT: 1,
      FIN_WAIT_2: 1,
    });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(2245);
    expect(result.rows[1]).toEqual({
      protocol: 'tcp4',
      localAddress: '192.168.1.20',
      localPort: 50604,
      peerAddress: '17.149.36.193',
      peerPort: 5223,
      state: 'FIN_WAIT_1',
      recvQueue: 0,
      sendQueue: 106,
      pid: null,
      process: null,
      peerPortCut: true, // 18 characters fill -A's column: 5223 could be 52230-52239
    });
    // 17.172.233.136.5223 was cut to 18 characters by netstat itself: the port reads 522.
    expect(result.rows[2]).toMatchObject({
      peerAddress: '17.172.233.136',
      peerPort: 522,
      peerPortCut: true,
    });
    expect(result.rows[10]).toMatchObject({ protocol: 'tcp6', localAddress: 'fe80::1%lo0' });
    expect(result.skippedRows).toBe(0);
    expect(result.warnings).toEqual([
      "netstat: 5 peer addresses or ports were cut to fit netstat's columns and are matched as prefixes; netstat -anvl prints them whole",
    ]);
    expect(result.lines).toEqual({ rows: 11, other: 10, notRead: 0 });
  });

  it('reads OS X 10.9 `netstat -an` with servers, tcp46, IPv6 cut at 16 characters', () => {
    const result = parseNetstat(fixture('macos-10.9-an.txt'));
    expect(result.format).toBe('netstat-an');
    expect(result.rows).toHaveLength(12);
    expect(countByState(result.rows)).toEqual({
      ESTABLISHED: 2,
      FIN_WAIT_1: 2,
      LISTEN: 4,
      SYN_SENT: 1,
      SYN_RECEIVED: 1,
      LAST_ACK: 1,
      CLOSING: 1,
    });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(466);
    expect(result.rows.map((r) => r.protocol)).toContain('tcp46');
    const listeners = result.rows.filter((r) => r.state === 'LISTEN');
    expect(listeners.map((r) => [r.localAddress, r.localPort, r.peerAddress, r.peerPort])).toEqual([
      ['127.0.0.1', 631, '*', null],
      ['*', 22, '*', null],
      ['::1', 631, '*', null],
      ['*', 88, '*', null],
    ]);
    expect(result.rows[3]).toMatchObject({
      peerAddress: '2620:149:a44::10',
      peerPort: 5223,
      peerAddressCut: true,
    });
    expect(result.warnings).toEqual([
      "netstat: 1 peer addresses or ports were cut to fit netstat's columns and are matched as prefixes; netstat -anvl prints them whole",
    ]);
  });

  it('reads the 2014 era `-anv -p tcp` (rhiwat shiwat pid epid) with T/TCP `*` marks', () => {
    const result = parseNetstat(fixture('macos-10.12-anv-p-tcp.txt'));
    expect(result.format).toBe('netstat-anv-2014');
    expect(result.rows).toHaveLength(13);
    expect(countByState(result.rows)).toEqual({
      ESTABLISHED: 4,
      FIN_WAIT_1: 4,
      LISTEN: 2,
      TIME_WAIT: 1,
      FIN_WAIT_2: 1,
      SYN_SENT: 1,
    });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(3209);
    expect(result.rows.filter((r) => r.pid === 91)).toHaveLength(6);
    expect(result.rows[9]).toMatchObject({ state: 'FIN_WAIT_2', pid: null }); // pid 0: nobody
    expect(result.rows[11]).toMatchObject({ state: 'SYN_SENT', pid: 412 });
    expect(result.rows[12]).toMatchObject({ state: 'ESTABLISHED', pid: 412, peerPort: 80 });
    expect(result.rows.every((r) => r.process === null)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('reads the 2019 era `-anv` (state, options) and skips UDP rows without warning', () => {
    const result = parseNetstat(fixture('macos-10.15-anv.txt'));
    expect(result.format).toBe('netstat-anv-2019');
    expect(result.rows).toHaveLength(8);
    expect(countByState(result.rows)).toEqual({
      ESTABLISHED: 3,
      FIN_WAIT_1: 2,
      LISTEN: 2,
      CLOSE_WAIT: 1,
    });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(3072);
    expect(result.rows.filter((r) => r.pid === 108)).toHaveLength(5);
    expect(result.rows[4]).toMatchObject({
      protocol: 'tcp6',
      localAddress: '2001:db8:1::5',
      peerAddress: '2620:149:a44::8',
      peerPort: 5223,
    });
    expect(result.skippedRows).toBe(0);
    expect(result.warnings).toEqual([]);
  });

  it('reads the 2022 era with the "(State)" spelling and the extended columns', () => {
    const result = parseNetstat(fixture('macos-13-anv-p-tcp.txt'));
    expect(result.format).toBe('netstat-anv-2022');
    expect(countByState(result.rows)).toEqual({
      ESTABLISHED: 2,
      FIN_WAIT_1: 6,
      LISTEN: 2,
      TIME_WAIT: 1,
    });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(4274);
    expect(result.rows.filter((r) => r.state === 'FIN_WAIT_1').map((r) => r.pid)).toEqual([
      367, 367, 367, 367, 367, 367,
    ]);
    expect(result.rows[7]).toMatchObject({ pid: 1187, peerAddress: '104.16.249.249' });
  });

  it('reads the 2024 era (rxbytes txbytes before rhiwat, "usecnt")', () => {
    const result = parseNetstat(fixture('macos-15-anv-p-tcp.txt'));
    expect(result.format).toBe('netstat-anv-2024');
    expect(countByState(result.rows)).toEqual({
      ESTABLISHED: 3,
      FIN_WAIT_1: 3,
      LISTEN: 2,
      TIME_WAIT: 1,
    });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(3426);
    expect(result.rows.filter((r) => r.pid === 402)).toHaveLength(6);
    expect(result.rows[0]).toMatchObject({
      protocol: 'tcp6',
      peerAddress: '2403:300:a42::7',
      peerPort: 5223,
      pid: 402,
    });
  });

  it('reads macOS 26 `process:pid` with spaced and empty names (header 45 wide, rows 22)', () => {
    const result = parseNetstat(fixture('macos-26-anv-p-tcp.txt'));
    expect(result.format).toBe('netstat-anv-26');
    expect(result.rows).toHaveLength(15);
    expect(countByState(result.rows)).toEqual({
      ESTABLISHED: 3,
      FIN_WAIT_1: 8,
      CLOSE_WAIT: 1,
      LISTEN: 2,
      TIME_WAIT: 1,
    });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(5685);
    expect(result.rows.filter((r) => r.process === 'apsd' && r.pid === 412)).toHaveLength(9);
    const exited = result.rows.filter((r) => r.process === null);
    expect(exited.map((r) => [r.pid, r.sendQueue])).toEqual([
      [388, 2896],
      [388, 106],
    ]);
    expect(result.rows[9]).toMatchObject({ process: 'Autodesk Fusion', pid: 22712 });
    expect(result.rows[10]).toMatchObject({
      process: 'Autodesk Fusion',
      state: 'CLOSE_WAIT',
      recvQueue: 31,
    });
    expect(result.rows[12]).toMatchObject({ process: 'Google Chrome Helper', pid: 9431 });
    expect(result.rows[13]).toMatchObject({ process: 'ControlCenter', protocol: 'tcp46' });
    expect(result.warnings).toEqual([]);
  });

  it('reads macOS 26 `-anvl`: full IPv6 with zones, wide numbers, a 31-character name', () => {
    const result = parseNetstat(fixture('macos-26-anvl-p-tcp.txt'));
    expect(result.format).toBe('netstat-anv-26');
    expect(countByState(result.rows)).toEqual({ ESTABLISHED: 5, FIN_WAIT_1: 3, LISTEN: 1 });
    expect(sendQueueOf(result.rows, 'FIN_WAIT_1')).toBe(4356);
    expect(result.rows[0]).toMatchObject({
      localAddress: '2a01:cb00:88c:ff00:9c4b:1a2e:9b7f:3d21',
      localPort: 50501,
      peerAddress: '2403:300:a42:100::7',
      peerPort: 5223,
      process: 'apsd',
      pid: 377,
    });
    expect(result.rows[4]).toMatchObject({
      localAddress: 'fe80::1c2b:3c4d:5e6f:7a8b%en0',
      peerAddress: 'fe80::aede:48ff:fe00:1122%en0',
      peerPort: 62078,
    });
    expect(result.rows[6]).toMatchObject({ process: 'Microsoft Teams (work or school', pid: 7711 });
    expect(result.rows[7]).toMatchObject({ process: null, pid: 7690, sendQueue: 12 });
    expect(result.warnings).toEqual([]);
  });

  it('reads `-vv` (process:pid and eprocess:epid, both possibly spaced)', () => {
    const header =
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)      rxbytes/packets      txbytes/packets    rhiwat  shiwat          process:pid            eprocess:epid      state  options           gencnt    flags   flags1 usecnt rtncnt fltrs';
    const row =
      'tcp4       0     85  10.1.1.2.50100         17.57.146.9.5223       FIN_WAIT_1     3900/12           6100/15           131072  131768  Autodesk Fusion:22712   Autodesk Fusion:22712   00102 00000000 000000000002b700 00000080 04000900      1      0 000001';
    const emptyEffective =
      'tcp4       0      0  10.1.1.2.50101         17.57.146.9.5223       ESTABLISHED    3900/12           6100/15           131072  131768             apsd:412                    :         00102 00000000 000000000002b701 00000080 04000900      1      0 000001';
    const result = parseNetstat([header, row, emptyEffective].join('\n'));
    expect(result.skippedRows).toBe(0);
    expect(result.rows.map((r) => [r.process, r.pid, r.sendQueue])).toEqual([
      ['Autodesk Fusion', 22712, 85],
      ['apsd', 412, 0],
    ]);
  });
});

describe('parseNetstat on bad input', () => {
  const header =
    'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)     rhiwat shiwat    pid   epid';
  const good =
    'tcp4       0    517  192.168.1.20.52139     17.249.60.34.5223      FIN_WAIT_1  131072 131768     91      0';

  it('skips and counts garbled rows, keeping the good ones, with one warning naming a line', () => {
    const text = [
      header,
      good,
      'tcp4       0    5x7  192.168.1.20.52139     17.249.60.34.5223      FIN_WAIT_1  131072 131768     91      0',
      'tcp4       0    517  192.168.1.20.52139     17.249.60.34.5223      NOT_A_STATE 131072 131768     91      0',
      'tcp4       0    517  192.168.1.20.52139',
      'tcp4       0    517  192.168.1.20           17.249.60.34.5223      FIN_WAIT_1  131072 131768     91      0 extra',
      good,
    ].join('\n');
    const result = parseNetstat(text);
    expect(result.rows).toHaveLength(2);
    expect(result.skippedRows).toBe(4);
    expect(result.warnings).toEqual([
      'netstat: skipped 4 unreadable rows (first at line 3: Recv-Q or Send-Q is not a number)',
    ]);
  });

  it('skips a huge line without scanning it and keeps reading', () => {
    const text = [header, `tcp4 ${'9'.repeat(200_000)}`, good].join('\n');
    const result = parseNetstat(text);
    expect(result.rows).toHaveLength(1);
    expect(result.warnings[0]).toContain('line 2: line longer than 4096 characters');
  });

  it('finds no table in empty text, binary junk or a random file', () => {
    expect(parseNetstat('').format).toBeNull();
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString(
      'latin1',
    );
    expect(parseNetstat(junk)).toMatchObject({ format: null, rows: [], skippedRows: 0 });
    expect(parseNetstat('# hosts\n127.0.0.1 localhost\n::1 localhost\n').format).toBeNull();
  });

  it('reads CRLF line endings as if they were LF', () => {
    const result = parseNetstat([header, good].join('\r\n') + '\r\n');
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ pid: 91, sendQueue: 517 });
  });
});

describe('parseNetstat with addresses known whole (the sampler runs -anvl)', () => {
  it('reads a 16-character IPv6 peer as a whole address, not a prefix', () => {
    const text =
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)\n' +
      'tcp6       0      0  2001:db8::5.50022        2620:149:a44::1d.5223  ESTABLISHED\n';
    expect(parseNetstat(text).rows[0]).toMatchObject({ peerAddressCut: true });
    expect(parseNetstat(text, { addressesWhole: true }).rows[0]).not.toHaveProperty(
      'peerAddressCut',
    );
  });
});
