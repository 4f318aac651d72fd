/**
 * Every real capture in test/fixtures/real/netstat (origins in test/fixtures/real/SOURCES.md),
 * read as analyze-netstat reads it. The expected numbers were counted from the files with awk and
 * grep (the commands are in the comments), never with these parsers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APSD_RULES } from '../../shared/settings';
import type { TcpState } from '../../shared/snapshot';
import { attributeRows, compileRules } from './attribution';
import { parseSocketCapture } from './socket-capture';

const DIR = join(__dirname, '../../../test/fixtures/real/netstat');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

interface Expected {
  format: string;
  /** awk: TCP rows ($1 or, with -A, $3 is tcp4/tcp6/tcp46; ss: tcp or a state first; /proc: `N:`). */
  rows: number;
  byState: Partial<Record<TcpState, number>>;
  /** awk: the sum of the Send-Q column (/proc: tx_queue, hex). */
  sendQueue: number;
  /** grep '\.5223 ' with the peer in 17.0.0.0/8 (by hand): attributed to apsd. */
  attributed: number;
  /** Peers printed as names (awk: a non-numeric port or a letter past f in the host), or redacted. */
  peerUnknown: number;
  warnings: number;
}

const EXPECTED: Record<string, Expected> = {
  'macos-10.9.2-An-redacted.ask-different-131917.txt': {
    format: 'netstat-An',
    rows: 3,
    byState: { ESTABLISHED: 1, FIN_WAIT_1: 2 },
    sendQueue: 249, // 106 + 143
    attributed: 0,
    peerUnknown: 3,
    warnings: 0,
  },
  'macos-2014-anv-p-tcp.find-process.txt': {
    format: 'netstat-anv-2014',
    rows: 5,
    byState: { ESTABLISHED: 2, CLOSE_WAIT: 1, LISTEN: 2 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'macos-2017-an.parse-netstat.txt': {
    format: 'netstat-an',
    rows: 3,
    byState: { ESTABLISHED: 1, LISTEN: 2 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'macos-10.14-mojave-vnp-tcp.node-netstat-26.txt': {
    format: 'netstat-anv-2019',
    rows: 7,
    byState: { ESTABLISHED: 5, CLOSE_WAIT: 2 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'macos-10.14-mojave-collapsed.node-netstat-26.txt': {
    format: 'netstat-anv-2019',
    rows: 1,
    byState: { ESTABLISHED: 1 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'macos-10.14.6-An.jc.txt': {
    format: 'netstat-An',
    rows: 49,
    byState: { ESTABLISHED: 43, CLOSE_WAIT: 6 },
    sendQueue: 0,
    attributed: 1, // 17.57.144.20.5223
    peerUnknown: 0,
    warnings: 1, // peers cut to 18 characters
  },
  'macos-10.14.6-Abn.jc.txt': {
    format: 'netstat-Anb',
    rows: 49,
    byState: { ESTABLISHED: 43, CLOSE_WAIT: 6 },
    sendQueue: 0,
    attributed: 1,
    peerUnknown: 0,
    warnings: 1,
  },
  'macos-10.14.6-a-names.jc.txt': {
    format: 'netstat-an',
    rows: 53,
    byState: { ESTABLISHED: 47, CLOSE_WAIT: 5, TIME_WAIT: 1 },
    sendQueue: 0,
    attributed: 1, // 17.57.144.20.5223, the one numeric Apple peer
    peerUnknown: 33,
    warnings: 1,
  },
  'macos-14-sonoma-anv-header.pid-port-12.txt': {
    format: 'netstat-anv-2022',
    rows: 0,
    byState: {},
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'macos-15-sequoia-anv-header.pid-port-12.txt': {
    format: 'netstat-anv-2024',
    rows: 0,
    byState: {},
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'macos-14.2.1-an-grep-row.node-netstat-43.txt': {
    format: 'netstat-an-rows',
    rows: 1,
    byState: { LISTEN: 1 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 1, // rows without their header
  },
  'macos-26-anv.pid-port-14.txt': {
    format: 'netstat-anv-26',
    rows: 2,
    byState: { ESTABLISHED: 2 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  // awk '$8=="TCP"{print $6, $9, $10}' | sort -u: 12 TCP rows, 11 distinct (DEVICE, NAME) sockets
  // (launchd's 33u and 36u are one :8021 socket), 6 ESTABLISHED + 5 LISTEN; grep '^apsd ': 1 row to
  // 17.57.146.23:5223. Warnings: the repeated socket, and what lsof cannot show (FIN_WAIT_1).
  'macos-lsof-n-i4TCP-P.htb-notes.txt': {
    format: 'lsof',
    rows: 11,
    byState: { ESTABLISHED: 6, LISTEN: 5 },
    sendQueue: 0,
    attributed: 1,
    peerUnknown: 0,
    warnings: 2,
  },
  // A hand-redacted `netstat -anv | grep apsd` (macOS, 2025): awk '$1 ~ /^tcp/' finds 1 row,
  // ESTABLISHED, owner `apsd:<apsd PID>` (attributed by owner, the peer being `<apple APN ip>`);
  // the other 4 lines are 2 blanks, a UNIX-domain `stream` row and a `kctl` row grep pulled in.
  'macos-anv-grep-apsd-placeholders.blog-2025.txt': {
    format: 'netstat-an-rows',
    rows: 1,
    byState: { ESTABLISHED: 1 },
    sendQueue: 0,
    attributed: 1,
    peerUnknown: 0,
    warnings: 0,
  },
  'freebsd-12-an.jc.txt': {
    format: 'netstat-an',
    rows: 4,
    byState: { ESTABLISHED: 1, LISTEN: 3 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'linux-ss-ant-syn-sent.netdata-2169.txt': {
    format: 'ss-tan',
    rows: 4,
    byState: { SYN_SENT: 4 },
    sendQueue: 4,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'linux-centos-7.7-ss-a.jc.txt': {
    format: 'ss-tan',
    rows: 6,
    byState: { ESTABLISHED: 2, LISTEN: 4 },
    sendQueue: 456,
    attributed: 0,
    peerUnknown: 1, // [::1]:ssh
    warnings: 1,
  },
  'linux-ubuntu-18.04-ss-a.jc.txt': {
    format: 'ss-tan',
    rows: 4,
    byState: { LISTEN: 4 },
    sendQueue: 512,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'linux-ss-wide.jc.txt': {
    format: 'ss-tanp',
    rows: 29,
    byState: { LISTEN: 29 },
    sendQueue: 17_882,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'linux-proc-net-tcp.jc.txt': {
    format: 'proc-net-tcp',
    rows: 27,
    byState: { LISTEN: 4, CLOSE_WAIT: 1, FIN_WAIT_1: 6, TIME_WAIT: 15, ESTABLISHED: 1 },
    sendQueue: 6,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
  'linux-proc-net-tcp6.jc.txt': {
    format: 'proc-net-tcp6',
    rows: 8,
    byState: { LISTEN: 1, TIME_WAIT: 7 },
    sendQueue: 0,
    attributed: 0,
    peerUnknown: 0,
    warnings: 0,
  },
};

describe('real captures', () => {
  it('has an expectation for every file in the folder, and the folder has at least 15', () => {
    const files = readdirSync(DIR).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const [file, expected] of Object.entries(EXPECTED))
    it(`reads ${file} right`, () => {
      const text = read(file);
      const capture = parseSocketCapture(text);
      const byState: Partial<Record<TcpState, number>> = {};
      for (const row of capture.rows) byState[row.state] = (byState[row.state] ?? 0) + 1;
      const { attributed, notAttributed } = attributeRows(capture.rows, compileRules(APSD_RULES));
      expect({
        format: capture.format,
        rows: capture.rows.length,
        byState,
        sendQueue: capture.rows.reduce((sum, row) => sum + row.sendQueue, 0),
        attributed: attributed.length,
        peerUnknown: notAttributed.peerUnknown.count,
        warnings: capture.warnings.length,
      }).toEqual(expected);
      // Every line is a row, another line, or a line not read; none of these has one not read.
      const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
      expect(capture.lines.rows + capture.lines.other + capture.lines.notRead).toBe(lines);
      expect(capture.lines).toMatchObject({ rows: expected.rows, notRead: 0 });
      // Every TCP row is attributed or in one of the not-attributed groups.
      const grouped =
        notAttributed.peerUnknown.count +
        notAttributed.mayBeWatched.count +
        Object.values(notAttributed.byReason).reduce((a, b) => a + b, 0);
      expect(attributed.length + grouped).toBe(expected.rows);
    });

  it('reads the founding paste: redacted local addresses, the peer column missing', () => {
    const capture = parseSocketCapture(read('macos-10.9.2-An-redacted.ask-different-131917.txt'));
    expect(capture.rows.map((r) => [r.state, r.sendQueue, r.peerUnknown])).toEqual([
      ['ESTABLISHED', 0, 'redacted'],
      ['FIN_WAIT_1', 106, 'redacted'],
      ['FIN_WAIT_1', 143, 'redacted'],
    ]);
  });

  it('matches the cut peers of macOS 10.14.6 -An as prefixes: 2607:f8b0:4003:c.5 could be port 5223 but is not Apple', () => {
    // awk '$3 ~ /^tcp/ && length($7)==18' finds 36 peers filling the column; 2 of them could be 5223.
    const capture = parseSocketCapture(read('macos-10.14.6-An.jc.txt'));
    const google = capture.rows.find(
      (r) => r.peerAddress === '2607:f8b0:4003:c' && r.peerPort === 5,
    );
    expect(google).toMatchObject({ peerAddressCut: true, peerPortCut: true });
    const { notAttributed } = attributeRows(capture.rows, compileRules(APSD_RULES));
    expect(notAttributed.byReason).toEqual({
      'peer port not watched': 46,
      'peer outside the watched ranges': 2,
    });
    // Watching Google's range instead, the same row may be the watched daemon's: port 5xxxx.
    const google6 = compileRules({
      processes: [],
      peerPorts: [5228],
      peerCidrs: ['2607:f8b0::/32'],
    });
    expect(attributeRows([google!], google6).notAttributed.mayBeWatched.count).toBe(1);
  });
});
