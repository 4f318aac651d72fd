/**
 * Linux /proc/net/tcp and /proc/net/tcp6: hex addresses in host byte order, `tx_queue:rx_queue`
 * (Send-Q, Recv-Q) and the socket inode, which maps a socket to its owner via /proc/<pid>/fd.
 * Orphaned sockets (closed by their process, e.g. FIN_WAIT_1 behind unsent data) have inode 0.
 */
import { endianness } from 'node:os';
import type { SocketRow, TcpState } from '../../shared/snapshot';
import { formatIpv6 } from './address';
import {
  LineCounter,
  parseWith,
  type SocketParseResult,
  type TableReader,
} from './socket-parse-result';
import { MAX_LINE_LENGTH, SkippedRows, TokenLine, parseHex } from './text-table';

/** A /proc row keeps its inode so the sampler can look up the owning process. */
export type ProcSocketRow = SocketRow & { inode: number };

/** include/net/tcp_states.h; 0C (NEW_SYN_RECV) is a half-open request, shown as SYN_RECEIVED. */
const STATES: (TcpState | undefined)[] = [
  undefined,
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECEIVED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'TIME_WAIT',
  'CLOSED',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'SYN_RECEIVED',
];

const LITTLE_ENDIAN = endianness() === 'LE';

/** Writes one 32-bit hex word of the dump into `out` as 4 bytes in network order. */
function putWord(value: number, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 4; i++) {
    const byte = (value >>> (i * 8)) & 0xff;
    out[offset + (LITTLE_ENDIAN ? i : 3 - i)] = byte;
  }
}

/** `0100007F:0CEA` -> 127.0.0.1, 3306; 32 hex digits for IPv6. Null when malformed. */
function readEndpoint(line: TokenLine, index: number): { address: string; port: number } | null {
  const text = line.text;
  const start = line.starts[index] as number;
  const end = line.ends[index] as number;
  const colon = end - 5;
  if (text.charCodeAt(colon) !== 58) return null;
  const port = parseHex(text, colon + 1, end);
  if (port < 0) return null;
  if (colon - start === 8) {
    const value = parseHex(text, start, colon);
    if (value < 0) return null;
    if (value === 0) return { address: '*', port };
    const [a, b, c, d] = LITTLE_ENDIAN
      ? [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24]
      : [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    return { address: `${a}.${b}.${c}.${d}`, port };
  }
  if (colon - start !== 32) return null;
  const bytes = new Uint8Array(16);
  let zero = true;
  for (let word = 0; word < 4; word++) {
    const value = parseHex(text, start + word * 8, start + word * 8 + 8);
    if (value < 0) return null;
    if (value !== 0) zero = false;
    putWord(value, bytes, word * 4);
  }
  return { address: zero ? '*' : formatIpv6(bytes), port };
}

/** A line-at-a-time /proc/net/tcp reader; `family` as for parseProcNetTcp. */
export function procNetTcpReader(
  onRow: (row: ProcSocketRow) => void,
  family: 'tcp4' | 'tcp6' | 'auto' = 'auto',
): TableReader {
  const skipped = new SkippedRows();
  const lines = new LineCounter();
  const line = new TokenLine();
  let sawHeader = false;
  let sawV4 = false;
  let sawV6 = false;

  const formatNow = () => {
    const label = sawV4 && sawV6 ? 'tcp+tcp6' : sawV6 || family === 'tcp6' ? 'tcp6' : 'tcp';
    return sawHeader ? `proc-net-${label}` : null;
  };

  return {
    get format() {
      return formatNow();
    },
    line(text, start, end, lineNumber) {
      lines.total++;
      line.bind(text);
      if (end - start > MAX_LINE_LENGTH) {
        if (sawHeader) skipped.skip(lineNumber, `line longer than ${MAX_LINE_LENGTH} characters`);
        return;
      }
      if (!line.split(start, end) || line.count === 0) return;
      if (line.equals(0, 'sl') && line.equals(1, 'local_address')) {
        sawHeader = true;
        return;
      }
      if (!sawHeader) return;
      if (line.count < 10) return skipped.skip(lineNumber, 'too few columns');
      const local = readEndpoint(line, 1);
      const peer = readEndpoint(line, 2);
      if (!local || !peer) return skipped.skip(lineNumber, 'unreadable address');
      const isV6 = line.length(1) === 37;
      if (family !== 'auto' && isV6 !== (family === 'tcp6'))
        return skipped.skip(lineNumber, `address width does not match ${family}`);
      const state = STATES[parseHex(text, line.starts[3] as number, line.ends[3] as number)];
      if (!state || line.length(3) !== 2) return skipped.skip(lineNumber, 'unknown state code');
      const queueStart = line.starts[4] as number;
      const queueEnd = line.ends[4] as number;
      const sendQueue = parseHex(text, queueStart, queueStart + 8);
      const recvQueue = parseHex(text, queueStart + 9, queueEnd);
      if (sendQueue < 0 || recvQueue < 0 || text.charCodeAt(queueStart + 8) !== 58)
        return skipped.skip(lineNumber, 'unreadable tx_queue:rx_queue');
      const inode = line.uint(9);
      if (inode < 0) return skipped.skip(lineNumber, 'inode is not a number');
      if (isV6) sawV6 = true;
      else sawV4 = true;
      lines.rows++;
      onRow({
        protocol: isV6 ? 'tcp6' : 'tcp4',
        localAddress: local.address,
        localPort: local.port,
        peerAddress: peer.address,
        peerPort: peer.address === '*' && peer.port === 0 ? null : peer.port,
        state,
        recvQueue,
        sendQueue,
        pid: null,
        process: null,
        inode,
      });
    },
    finish() {
      const warning = skipped.warning('/proc/net/tcp');
      return {
        format: formatNow(),
        warnings: warning ? [warning] : [],
        skippedRows: skipped.count,
        firstProblem: skipped.example,
        lines: lines.tally(skipped.count),
      };
    },
  };
}

/**
 * Parses /proc/net/tcp (`family` 'tcp4') or /proc/net/tcp6 ('tcp6'); 'auto' tells the two apart
 * by address width, for a capture that concatenates both files.
 */
export function parseProcNetTcp(
  text: string,
  family: 'tcp4' | 'tcp6' | 'auto' = 'auto',
): SocketParseResult<ProcSocketRow> {
  return parseWith((onRow) => procNetTcpReader(onRow, family), text);
}
