import { describe, expect, it } from 'vitest';
import { attributeRows, compileRules } from './attribution';
import { LSOF_BLIND_SPOT, parseLsof } from './lsof-parse';
import { parseSocketCapture } from './socket-capture';

const HEADER = 'COMMAND     PID USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME';
const RULES = compileRules({
  processes: ['apsd', 'identityservicesd'],
  peerPorts: [5223, 443],
  peerCidrs: ['17.0.0.0/8', '2620:149:a44::/48'],
});

describe('lsof -i listings', () => {
  it('reads IPv4, IPv6 in brackets, \\x20 names, LISTEN and UDP rows, attributed by command and pid', () => {
    const text = [
      HEADER,
      'apsd        114 root    9u  IPv4 0x8a1b2c3d4e5f6071      0t0  TCP 192.168.1.20:50929->17.57.144.20:5223 (ESTABLISHED)',
      'apsd        114 root   10u  IPv6 0x8a1b2c3d4e5f6072      0t0  TCP [2620:149:a44::10]:50930->[2620:149:a44::1]:5223 (ESTABLISHED)',
      'mDNSRespo   200 _mdnsresponder    6u  IPv4 0x8a1b2c3d4e5f6073      0t0  UDP *:5353',
      'Google\\x20  500 me     30u  IPv4 0x8a1b2c3d4e5f6074      0t0  TCP 127.0.0.1:49152 (LISTEN)',
      'identitys   600 me     12u  IPv4 0x8a1b2c3d4e5f6075      0t0  TCP 192.168.1.20:50931->17.57.144.21:443 (CLOSE_WAIT)',
      '',
    ].join('\n');
    const result = parseLsof(text);
    expect(result.format).toBe('lsof');
    expect(result.lines).toEqual({ rows: 4, other: 2, notRead: 0 });
    expect(
      result.rows.map((r) => [r.protocol, r.process, r.pid, r.peerAddress, r.peerPort, r.state]),
    ).toEqual([
      ['tcp4', 'apsd', 114, '17.57.144.20', 5223, 'ESTABLISHED'],
      ['tcp6', 'apsd', 114, '2620:149:a44::1', 5223, 'ESTABLISHED'],
      ['tcp4', 'Google ', 500, '*', null, 'LISTEN'],
      ['tcp4', 'identitys', 600, '17.57.144.21', 443, 'CLOSE_WAIT'],
    ]);
    // Said once: what lsof cannot show.
    expect(result.warnings).toEqual([LSOF_BLIND_SPOT]);
    expect(LSOF_BLIND_SPOT).toContain('netstat -anv -p tcp');
    const { attributed } = attributeRows(result.rows, RULES);
    expect(attributed.map((r) => r.attributedBy)).toEqual([
      'process apsd',
      'process apsd',
      'process identityservicesd (name cut to "identitys" by lsof)',
    ]);
  });

  it('reads names without -n -P as a peer unknown, keeping state and owner', () => {
    const text = `${HEADER}\napsd        114 root    9u  IPv4 0x8a1b2c3d4e5f6071      0t0  TCP mac.local:50929->17-courier.push.apple.com:hpvirtgrp (ESTABLISHED)\n`;
    const [row] = parseLsof(text).rows;
    expect(row).toMatchObject({
      state: 'ESTABLISHED',
      process: 'apsd',
      pid: 114,
      peerUnknown: 'name',
      peerPort: null,
    });
  });

  it('counts a socket listed by several descriptors once, and reads -T qs queues', () => {
    const row =
      'apsd        114 root    9u  IPv4 0x8a1b2c3d4e5f6071      0t0  TCP 10.0.0.2:50929->17.57.144.20:5223 (FIN_WAIT_1 QR=0 QS=106)';
    const result = parseLsof(`${HEADER}\n${row}\n${row.replace(' 9u', '11u')}\n`);
    expect(result.rows.map((r) => [r.state, r.sendQueue])).toEqual([['FIN_WAIT_1', 106]]);
    expect(result.lines).toEqual({ rows: 1, other: 2, notRead: 0 });
    expect(result.warnings[0]).toBe(
      'lsof: 1 row repeats a socket already listed (the same DEVICE, another descriptor), counted once',
    );
  });

  it('reads rows without the header (a grep result) and placeholders, and counts a cut row as not read', () => {
    const text = [
      '$ lsof -i -n -P | grep apsd',
      'apsd        114 root    9u  IPv4 0x8a1b2c3d4e5f6071      0t0  TCP <my ip>:<port>->17.57.144.20:5223 (ESTABLISHED)',
      'apsd      <pid> root   10u  IPv4 0x8a1b2c3d4e5f6072      0t0  TCP x.x.x.x:50930->[redacted]:5223 (ESTABLISHED)',
      'apsd        114 root   11u  IPv4 0x8a1b2c3d4e5f6073      0t0  TCP 10.0.0.2:50931->17.57.144.22:5223 (CLOSE',
    ].join('\n');
    const result = parseLsof(text);
    expect(result.format).toBe('lsof-rows');
    expect(
      result.rows.map((r) => [r.process, r.pid, r.peerAddress, r.peerPort, r.peerUnknown ?? null]),
    ).toEqual([
      ['apsd', 114, '17.57.144.20', 5223, null],
      ['apsd', null, '', 5223, 'redacted'],
    ]);
    expect(result.lines).toEqual({ rows: 2, other: 1, notRead: 1 });
    expect(result.warnings[0]).toMatch(
      /^lsof: skipped 1 unreadable row \(first at line 4: no TCP state/,
    );
  });

  it('is recognised by analyze-netstat, which no longer refuses it', () => {
    const capture = parseSocketCapture(
      `${HEADER}\napsd        114 root    9u  IPv4 0x8a1b2c3d4e5f6071      0t0  TCP 192.168.1.20:50929->17.57.144.20:5223 (ESTABLISHED)\n`,
    );
    expect(capture.format).toBe('lsof');
    expect(capture.rows).toHaveLength(1);
    expect(capture.warnings.filter((w) => w === LSOF_BLIND_SPOT)).toHaveLength(1);
  });
});
