import { describe, expect, it } from 'vitest';
import { attributeRows, compileRules } from './attribution';
import { parseNetstat } from './netstat-parse';
import { collapsePlaceholders, isRedaction } from './redaction';

const HEADER_26 =
  'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)          rxbytes      txbytes  rhiwat  shiwat          process:pid    state  options           gencnt    flags   flags1 usecnt rtncnt fltrs';
const COUNTERS = '        15220         9934  131072  131768';
const FLAGS = '00102 00000000 000000000025c5ff 00000081 04000800      3      0 000000';

describe('hand redactions in netstat pastes', () => {
  it('collapses a placeholder with spaces into one token', () => {
    expect(
      collapsePlaceholders('tcp4 0 0 <my ip>.<local port> <apple ip>.5223 ESTABLISHED apsd:<pid>'),
    ).toBe('tcp4 0 0 •.• •.5223 ESTABLISHED apsd:•');
    expect(collapsePlaceholders('[redacted].5223 [::1].80')).toBe('•.5223 [::1].80');
    for (const mark of ['x.x.x.x', 'XXX', '***', '•••', 'REDACTED', 'xxx.xxx.xxx.xxx'])
      expect(isRedaction(mark)).toBe(true);
    for (const value of ['*', '*.*', '17.57.144.20', 'apsd', 'localhost'])
      expect(isRedaction(value)).toBe(false);
  });

  it('reads a macOS 26 `netstat -anv | grep apsd` paste redacted by hand: state, queues, peer port and owner', () => {
    const rows = [
      `tcp4       0      0  <my ip>.<local port>     <apple ip>.5223        ESTABLISHED ${COUNTERS}             apsd:<pid>    ${FLAGS}`,
      `tcp4       0    106  <my ip>.<local port>     <apple ip>.5223        FIN_WAIT_1  ${COUNTERS}             apsd:<pid>    ${FLAGS}`,
      `tcp6       0      0  [redacted].50930         x.x.x.x.5223           ESTABLISHED ${COUNTERS}             apsd:<pid>    ${FLAGS}`,
      `tcp4       0     31  XXX.XXX.XXX.XXX.50931    ***.443                FIN_WAIT_1  ${COUNTERS}             apsd:<pid>    ${FLAGS}`,
      `tcp4       0      0  •••.50932                •••.•••                CLOSE_WAIT  ${COUNTERS}    com.apple.Safari:<pid>    ${FLAGS}`,
    ];
    for (const text of [rows.join('\n'), `${HEADER_26}\n${rows.join('\n')}`]) {
      const result = parseNetstat(text);
      expect(result.lines.notRead).toBe(0);
      expect(
        result.rows.map((r) => [r.state, r.sendQueue, r.process, r.pid, r.peerUnknown, r.peerPort]),
      ).toEqual([
        ['ESTABLISHED', 0, 'apsd', null, 'redacted', 5223],
        ['FIN_WAIT_1', 106, 'apsd', null, 'redacted', 5223],
        ['ESTABLISHED', 0, 'apsd', null, 'redacted', 5223],
        ['FIN_WAIT_1', 31, 'apsd', null, 'redacted', 443],
        ['CLOSE_WAIT', 0, 'com.apple.Safari', null, 'redacted', null],
      ]);
      const rules = compileRules({
        processes: ['apsd'],
        peerPorts: [5223],
        peerCidrs: ['17.0.0.0/8'],
      });
      const { attributed, notAttributed } = attributeRows(result.rows, rules);
      // Attributed by owner where it shows; the Safari row has no port to tell: peer unknown.
      expect(attributed).toHaveLength(4);
      expect(notAttributed.peerUnknown.count).toBe(1);
    }
  });
});
