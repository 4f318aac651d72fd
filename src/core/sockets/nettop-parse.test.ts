import { describe, expect, it } from 'vitest';
import { parseNettop } from './nettop-parse';
import { readFixture } from '../../../test/support/fixtures';

const fixture = (name: string) => readFixture(`netstat/${name}`);

describe('parseNettop', () => {
  // nettop's CSV shape (time,,interface,state,... with name.pid lines, then connection lines
  // `tcp4 a:p<->b:p`) is documented by the tools that parse it; "Established" is the only state
  // spelling those sources show, the others (FinWait1, CloseWait, ...) are inferred, so the
  // parser folds case, `_` and `-` before matching.
  it('reads connections under their process lines, IPv4 with `:` and IPv6 with `.` ports', () => {
    const result = parseNettop(fixture('nettop-tcp.csv'));
    expect(result.format).toBe('nettop-csv');
    expect(result.rows.map((r) => [r.process, r.pid, r.state, r.peerAddress, r.peerPort])).toEqual([
      ['apsd', 412, 'ESTABLISHED', '17.57.146.20', 5223],
      ['apsd', 412, 'FIN_WAIT_1', '17.57.146.21', 5223],
      ['apsd', 412, 'FIN_WAIT_1', '17.57.146.22', 5223],
      ['apsd', 412, 'ESTABLISHED', '2620:149:a44::5', 5223],
      ['Autodesk Fusion', 22712, 'ESTABLISHED', '52.96.165.18', 443],
      ['Autodesk Fusion', 22712, 'CLOSE_WAIT', '52.96.165.19', 443],
      ['rapportd', 488, 'LISTEN', '*', null],
      ['rapportd', 488, 'ESTABLISHED', 'fe80::aede:48ff:fe00:1122%en0', 62078],
      ['Microsoft Edge', 772, 'TIME_WAIT', '13.107.42.14', 443],
    ]);
    expect(result.rows[3]).toMatchObject({
      protocol: 'tcp6',
      localAddress: '2001:db8:44::9',
      localPort: 50450,
    });
    expect(result.rows[6]).toMatchObject({ localAddress: '*', localPort: 49152 });
    expect(result.rows.every((r) => r.sendQueue === 0 && r.recvQueue === 0)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('reads the `-J state,bytes_in,bytes_out` shape and skips UDP', () => {
    const text = [
      ',state,bytes_in,bytes_out,',
      'apsd.412,,31120,28316,',
      'tcp4 192.168.1.44:50400<->17.57.146.21:5223,FinWait1,3900,6100,',
      'udp4 *:5353<->*:*,,100,200,',
      'tcp4 192.168.1.44:50412<->17.57.146.20:5223,Established,15220,9934,',
    ].join('\n');
    const result = parseNettop(text);
    expect(result.rows.map((r) => [r.pid, r.state, r.localPort])).toEqual([
      [412, 'FIN_WAIT_1', 50400],
      [412, 'ESTABLISHED', 50412],
    ]);
  });

  it('skips garbled lines with one warning and finds no table in other text', () => {
    const text = [
      'time,,interface,state,bytes_in,bytes_out,',
      '10:41:07.318220,apsd.412,,,31120,28316,',
      '10:41:07.317912,tcp4 192.168.1.44:50412<->17.57.146.20:5223,en0,Established,15220,9934,',
      '10:41:07.317913,tcp4 192.168.1.44:50413<=>17.57.146.20:5223,en0,Established,15220,9934,',
      '10:41:07.317914,tcp4 192.168.1.44:50414<->17.57.146.20:5223,en0,Sleeping,15220,9934,',
      '10:41:07.317915,no pid here,,,1,2,',
    ].join('\n');
    const result = parseNettop(text);
    expect(result.rows).toHaveLength(1);
    expect(result.skippedRows).toBe(3);
    expect(result.warnings).toEqual([
      'nettop: skipped 3 unreadable rows (first at line 4: unreadable address)',
    ]);
    expect(parseNettop('a,b,c\n1,2,3\n').format).toBeNull();
  });
});
