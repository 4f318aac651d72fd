/**
 * Property tests over every socket-table parser (issue 9): netstat of every era, lsof -i, ss,
 * /proc/net/tcp and nettop CSV, and hand redactions (issue 19). Whatever the input (random text, truncated or binary data, invalid UTF-8, lines of
 * a megabyte) no parser throws; every line lands in exactly one count (rows, other, not read);
 * and a row that is read is never read as another state than the one it printed.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TCP_STATES, type TcpState } from '../../shared/snapshot';
import { parseLsof } from './lsof-parse';
import { parseNetstat } from './netstat-parse';
import { parseNettop } from './nettop-parse';
import { parseProcNetTcp } from './proc-net-tcp-parse';
import { parseSocketCapture, SocketCaptureError } from './socket-capture';
import type { SocketParseResult } from './socket-parse-result';
import { parseSs } from './ss-parse';

const RUNS = 2000;

const HEADERS = {
  'netstat-an': 'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)',
  'netstat-An':
    'Socket           Flowhash Proto Recv-Q Send-Q  Local Address      Foreign Address    (state)',
  'netstat-anv-2014':
    'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)     rhiwat shiwat    pid   epid',
  'netstat-anv-2019':
    'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)     rhiwat shiwat    pid   epid  state    options',
  'netstat-anv-2022':
    'Proto Recv-Q Send-Q  Local Address          Foreign Address        (State)      rhiwat  shiwat    pid   epid state  options           gencnt    flags   flags1 usecnt rtncnt fltrs',
  'netstat-anv-2024':
    'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)        rxbytes    txbytes  rhiwat  shiwat    pid   epid state  options           gencnt    flags   flags1 usecnt rtncnt fltrs',
  'netstat-anv-26':
    'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)          rxbytes      txbytes  rhiwat  shiwat          process:pid    state  options           gencnt    flags   flags1 usecnt rtncnt fltrs',
} as const;
type NetstatEra = keyof typeof HEADERS;

/** The columns after the state for each era, as netstat prints them. */
const TRAILING: Record<NetstatEra, string> = {
  'netstat-an': '',
  'netstat-An': '',
  'netstat-anv-2014': ' 131072 131768    412      0',
  'netstat-anv-2019': ' 131072 131400    108      0 0x0102 0x00000000',
  'netstat-anv-2022':
    '  131072  131768    367      0 00102 00000000 000000000000d8a1 00000080 04000900      1      0 000001',
  'netstat-anv-2024':
    '        48213        25110  131072  131768    402      0 00102 00000000 00000000000183c4 00000080 04000900      1      0 000001',
  'netstat-anv-26':
    '        15220         9934  131072  131768             apsd:412    00102 00000000 000000000025c5ff 00000081 04000800      3      0 000000',
};

const netstatName = (state: TcpState) => (state === 'SYN_RECEIVED' ? 'SYN_RCVD' : state);
const ssName: Record<TcpState, string> = {
  ESTABLISHED: 'ESTAB',
  SYN_SENT: 'SYN-SENT',
  SYN_RECEIVED: 'SYN-RECV',
  FIN_WAIT_1: 'FIN-WAIT-1',
  FIN_WAIT_2: 'FIN-WAIT-2',
  TIME_WAIT: 'TIME-WAIT',
  CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK',
  CLOSING: 'CLOSING',
  LISTEN: 'LISTEN',
  CLOSED: 'UNCONN',
};
const PROC_CODE: Partial<Record<TcpState, string>> = {
  ESTABLISHED: '01',
  SYN_SENT: '02',
  SYN_RECEIVED: '03',
  FIN_WAIT_1: '04',
  FIN_WAIT_2: '05',
  TIME_WAIT: '06',
  CLOSED: '07',
  CLOSE_WAIT: '08',
  LAST_ACK: '09',
  LISTEN: '0A',
  CLOSING: '0B',
};

const state = fc.constantFrom(...TCP_STATES);
const era = fc.constantFrom(...(Object.keys(HEADERS) as NetstatEra[]));
const octet = fc.integer({ min: 1, max: 254 });
const port = fc.integer({ min: 1, max: 65535 });
const queue = fc.integer({ min: 0, max: 9_999_999 });

function netstatRow(e: NetstatEra, s: TcpState, q: number, a: number, p: number): string {
  const lead = e === 'netstat-An' ? 'ffffff8022ef8d88 31793d40 ' : '';
  return `${lead}tcp4       0 ${String(q).padStart(6)}  192.168.1.20.50604     17.57.${a}.1.${p}      ${netstatName(s).padEnd(11)}${TRAILING[e]}`;
}

/** Random text: printable, control and binary characters, lone surrogates, long runs. */
const junk = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc
    .array(
      fc.constantFrom('tcp4', '0', '*.*', 'ESTABLISHED', '(state)', ':', '.', ' ', '\t', '•'),
      {
        maxLength: 40,
      },
    )
    .map((tokens) => tokens.join(' ')),
);

const PARSERS: Record<string, (text: string) => SocketParseResult> = {
  netstat: parseNetstat,
  lsof: parseLsof,
  ss: parseSs,
  'proc/net/tcp': (text) => parseProcNetTcp(text),
  nettop: parseNettop,
};

/** The line count the tally must add up to: newline-separated, a trailing newline ends the last. */
function lineCount(text: string): number {
  if (text === '') return 0;
  const parts = text.split('\n').length;
  return text.endsWith('\n') ? parts - 1 : parts;
}

function accounted(result: SocketParseResult, text: string): void {
  const { rows, other, notRead } = result.lines;
  expect(rows + other + notRead).toBe(lineCount(text));
  expect(rows).toBe(result.rows.length);
  expect(notRead).toBe(result.skippedRows);
}

describe('every socket parser, on any input', () => {
  for (const [name, parse] of Object.entries(PARSERS)) {
    it(`${name}: never throws on random, binary or non-UTF-8 lines, and accounts for every line`, () => {
      const headers = [
        ...Object.values(HEADERS),
        'State      Recv-Q Send-Q Local Address:Port  Peer Address:Port',
        '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
        'time,,interface,state,bytes_in,bytes_out',
        'COMMAND     PID USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME',
      ];
      fc.assert(
        fc.property(
          fc.option(fc.constantFrom(...headers)),
          fc.array(junk, { maxLength: 30 }),
          (header, lines) => {
            const text = [...(header ? [header] : []), ...lines].join('\n');
            accounted(parse(text), text);
          },
        ),
        { numRuns: RUNS },
      );
    });

    it(`${name}: never throws on a truncated table or a 1 MB line`, () => {
      const text = readFileSync(
        join(__dirname, '../../../test/fixtures/real/netstat/macos-10.14.6-An.jc.txt'),
        'utf8',
      );
      fc.assert(
        fc.property(fc.integer({ min: 0, max: text.length }), (cut) => {
          const truncated = text.slice(0, cut);
          accounted(parse(truncated), truncated);
        }),
        { numRuns: 300 },
      );
      const huge = `${HEADERS['netstat-an']}\n${'tcp4 '.repeat(200_000)}\nState Recv-Q Send-Q Local Address:Port Peer Address:Port\n${'x'.repeat(1_048_576)}\n`;
      accounted(parse(huge), huge);
    });
  }

  it('netstat: a row is read with the state it printed, in every era, or not at all', () => {
    fc.assert(
      fc.property(era, state, queue, octet, port, fc.nat(40), (e, s, q, a, p, cut) => {
        const row = netstatRow(e, s, q, a, p);
        const whole = parseNetstat(`${HEADERS[e]}\n${row}\n`);
        expect(whole.rows.map((r) => [r.state, r.sendQueue])).toEqual([[s, q]]);
        // Cut the row anywhere: it may become unreadable, never another state.
        const shortened = parseNetstat(`${HEADERS[e]}\n${row.slice(0, row.length - cut)}\n`);
        for (const r of shortened.rows) expect(r.state).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it('lsof: a row is read with its state, owner and peer, with or without -n -P, or not at all', () => {
    const lsofState: Record<TcpState, string> = {
      ...ssName,
      ...Object.fromEntries(TCP_STATES.map((t) => [t, netstatName(t)])),
    };
    const command = fc.constantFrom('apsd', 'identitys', 'Google\\x20', 'com.apple');
    fc.assert(
      fc.property(
        state,
        command,
        fc.integer({ min: 1, max: 99_999 }),
        octet,
        port,
        fc.boolean(),
        fc.boolean(),
        fc.nat(40),
        (s, cmd, pid, a, p, v6, names, cut) => {
          const peer = names
            ? `${a}-courier.push.apple.com:${p}`
            : v6
              ? `[2620:149:a44::${a}]:${p}`
              : `17.57.${a}.1:${p}`;
          const row = `${cmd.padEnd(9)} ${String(pid).padStart(5)} root   9u  ${v6 ? 'IPv6' : 'IPv4'} 0x8a1b2c3d4e5f${String(a).padStart(4, '0')}      0t0  TCP 192.168.1.20:50929->${peer} (${lsofState[s]})`;
          const header = 'COMMAND     PID USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME';
          const whole = parseLsof(`${header}\n${row}\n`);
          expect(whole.rows).toHaveLength(1);
          const read = whole.rows[0]!;
          expect([read.state, read.pid, read.process]).toEqual([s, pid, cmd.replace('\\x20', ' ')]);
          if (names) expect([read.peerUnknown, read.peerPort]).toEqual(['name', p]);
          else
            expect([read.peerAddress, read.peerPort]).toEqual([
              v6 ? `2620:149:a44::${a}` : `17.57.${a}.1`,
              p,
            ]);
          const shortened = parseLsof(`${header}\n${row.slice(0, row.length - cut)}\n`);
          for (const r of shortened.rows) expect(r.state).toBe(s);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('redactions: a placeholder in place of an address, port or pid keeps the row, its state, queues and owner', () => {
    const placeholder = fc.constantFrom(
      '<apple ip>',
      '[redacted]',
      'x.x.x.x',
      'XXX',
      '***',
      '•••',
      '<ip>',
      'REDACTED',
    );
    fc.assert(
      fc.property(
        state,
        queue,
        placeholder,
        placeholder,
        fc.boolean(),
        (s, q, mine, theirs, keepPort) => {
          const peer = keepPort ? `${theirs}.5223` : `${theirs}.<port>`;
          const row = `tcp4       0 ${String(q).padStart(6)}  ${mine}.<local port>     ${peer}      ${netstatName(s).padEnd(11)}        15220         9934  131072  131768             apsd:<pid>    00102 00000000 000000000025c5ff 00000081 04000800      3      0 000000`;
          const result = parseNetstat(`${HEADERS['netstat-anv-26']}\n${row}\n`);
          expect(result.lines.notRead).toBe(0);
          expect(
            result.rows.map((r) => [
              r.state,
              r.sendQueue,
              r.process,
              r.pid,
              r.peerUnknown,
              r.peerPort,
            ]),
          ).toEqual([[s, q, 'apsd', null, 'redacted', keepPort ? 5223 : null]]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('ss and /proc/net/tcp: a row is read with its own state, or not at all', () => {
    fc.assert(
      fc.property(state, queue, octet, port, fc.nat(30), (s, q, a, p, cut) => {
        const ssRow = `${ssName[s]}  0  ${q}  192.168.1.20:50604  17.57.${a}.1:${p}`;
        const ss = parseSs(`State Recv-Q Send-Q Local Address:Port Peer Address:Port\n${ssRow}\n`);
        expect(ss.rows.map((r) => [r.state, r.sendQueue])).toEqual([[s, q]]);
        for (const r of parseSs(`State Recv-Q Send-Q Local\n${ssRow.slice(0, ssRow.length - cut)}`)
          .rows)
          expect(r.state).toBe(s);
        const code = PROC_CODE[s];
        if (!code) return;
        const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
        const procRow = `   0: 1401A8C0:C5AC 01${hex(a, 2)}3911:${hex(p, 4)} ${code} ${hex(q, 8)}:00000000 00:00000000 00000000   501        0 12345 1 0000000000000000 20 4 30 10 -1`;
        const proc = parseProcNetTcp(
          `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n${procRow}\n`,
          'tcp4',
        );
        expect(proc.rows.map((r) => [r.state, r.sendQueue])).toEqual([[s, q]]);
      }),
      { numRuns: RUNS },
    );
  });

  it('nettop: a connection line is read with its own state, or not at all', () => {
    const nettopState: Partial<Record<TcpState, string>> = {
      ESTABLISHED: 'Established',
      FIN_WAIT_1: 'FinWait1',
      TIME_WAIT: 'TimeWait',
      CLOSE_WAIT: 'CloseWait',
      LISTEN: 'Listen',
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(nettopState) as TcpState[])),
        octet,
        port,
        (s, a, p) => {
          const text = `time,,interface,state,bytes_in,bytes_out,\n21:08:25.123,apsd.412,,,,,\n21:08:25.123,tcp4 10.0.0.2:50000<->17.57.${a}.1:${p},en0,${nettopState[s]},100,200,\n`;
          const result = parseNettop(text);
          expect(result.rows.map((r) => r.state)).toEqual([s]);
          accounted(result, text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a whole capture of anything is read or refused in one line, never thrown otherwise', () => {
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 20 }), (lines) => {
        try {
          const capture = parseSocketCapture(lines.join('\n'));
          expect(capture.lines.rows).toBe(capture.rows.length);
        } catch (error) {
          expect(error).toBeInstanceOf(SocketCaptureError);
          expect((error as Error).message).not.toContain('\n');
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('every real capture', () => {
  const dir = join(__dirname, '../../../test/fixtures/real/netstat');
  for (const file of readdirSync(dir))
    it(`${file}: every line is a row, another line, or counted as not read`, () => {
      const text = readFileSync(join(dir, file), 'utf8');
      const capture = parseSocketCapture(text);
      const { rows, other, notRead } = capture.lines;
      expect(rows + other + notRead).toBe(lineCount(text));
      expect(rows).toBe(capture.rows.length);
    });
});
