/**
 * `lsof -i` socket listings (`-iTCP`, `-i4TCP`, `-a -c apsd`, with or without `-n -P`), as people
 * paste them: `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME`, then rows such as
 * `apsd 114 root 9u IPv4 0x... 0t0 TCP 192.168.1.20:50929->17.57.144.20:5223 (ESTABLISHED)`.
 * lsof cuts command names to 9 characters and escapes spaces as `\x20`; IPv6 is in brackets;
 * without -n -P hosts and ports are names (read as a peer unknown, as for netstat); UDP rows have
 * no state. Rows are read by tokens anchored on the TYPE (`IPv4`/`IPv6`) and NODE (`TCP`) columns.
 * What lsof cannot show: a closed socket has no descriptor, so FIN_WAIT_1 pile-ups never appear.
 */
import type { PeerUnknownReason, SocketRow } from '../../shared/snapshot';
import { countOf } from '../../shared/format';
import { MAX_PORT } from '../../shared/port';
import { collapsePlaceholders, hasRedactionMark, isRedaction, REDACTED_MARK } from './redaction';
import {
  LineCounter,
  parseWith,
  type SocketParseResult,
  type TableReader,
} from './socket-parse-result';
import { tcpStateFromName } from './tcp-state-names';
import { MAX_LINE_LENGTH, SkippedRows } from './text-table';

/** lsof's default COMMAND width: a name this long may have been cut (`+c 0` prints it whole). */
const COMMAND_WIDTH = 9;

/** Said once for every lsof listing: the one thing this tool is run for that lsof cannot see. */
export const LSOF_BLIND_SPOT =
  'lsof: closed connections still in FIN_WAIT_1 have no file descriptor, so lsof never lists them (nor any Send-Q); `netstat -anv -p tcp` shows the pile-up';

interface Endpoint {
  address: string;
  port: number | null;
  unknown: PeerUnknownReason | null;
}

/** `\x20` and other `\xHH` escapes lsof prints in command names. */
function unescapeCommand(raw: string): string {
  return raw.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** `192.168.1.20:50929`, `[2620:149:a44::1]:5223`, `*:5223`, `host.local:https`, `•:•`. */
function readEndpoint(text: string): Endpoint | null {
  if (isRedaction(text)) return { address: '', port: null, unknown: 'redacted' };
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return null;
  let host = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  let port: number | null = null;
  let unknown: PeerUnknownReason | null = null;
  if (/^\d{1,5}$/.test(portText)) {
    port = Number(portText);
    if (port > MAX_PORT) return null;
  } else if (isRedaction(portText) || hasRedactionMark(portText)) unknown = 'redacted';
  else if (portText !== '*' && !/^[a-z][\w-]*$/i.test(portText)) return null;
  else if (portText !== '*') unknown = 'name'; // a service name: lsof without -P
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (isRedaction(host) || hasRedactionMark(host))
    return { address: '', port, unknown: 'redacted' };
  if (host === '*' || host === '0.0.0.0' || host === '::') return { address: '*', port, unknown };
  const numeric =
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%\w+)?$/.test(host);
  if (numeric) return { address: host, port, unknown };
  if (!/^[\w.%-]+$/.test(host)) return null;
  return { address: '', port, unknown: unknown ?? 'name' }; // a host name: lsof without -n
}

/**
 * The parenthesised TCP info: `(ESTABLISHED)`, or with `-T qs` `(ESTABLISHED QR=0 QS=0)`. Null
 * when it is missing or cut short (no closing parenthesis): a cut "(CLOSE" is no state.
 */
function readTcpInfo(
  tokens: readonly string[],
): { state: SocketRow['state']; qr: number; qs: number } | null {
  const info = tokens.join(' ');
  if (!info.startsWith('(') || !info.endsWith(')')) return null;
  let state: SocketRow['state'] | null = null;
  let qr = 0;
  let qs = 0;
  for (const token of info.slice(1, -1).split(' ')) {
    const queue = /^(QR|QS)=(\d+)$/.exec(token);
    if (queue) {
      if (queue[1] === 'QR') qr = Number(queue[2]);
      else qs = Number(queue[2]);
    } else if (/^[A-Z][A-Z_0-9]*$/.test(token)) state ??= tcpStateFromName(token);
  }
  return state ? { state, qr, qs } : null;
}

/** A header line: `COMMAND PID ... NAME`. */
function isHeader(tokens: readonly string[]): boolean {
  return tokens[0] === 'COMMAND' && tokens[1] === 'PID' && tokens.includes('NAME');
}

/** Where TYPE (`IPv4`/`IPv6`) is in a row, or -1 when the line is no lsof Internet row. */
function typeColumn(tokens: readonly string[]): number {
  if (tokens.length < 6 || !/^\d+$/.test(tokens[1]!)) return -1;
  // COMMAND PID [TID TASKCMD] USER FD TYPE: TYPE is the 5th token, or later with thread columns.
  for (let i = 3; i < Math.min(tokens.length, 8); i++)
    if (tokens[i] === 'IPv4' || tokens[i] === 'IPv6') return i;
  return -1;
}

/** A line-at-a-time lsof reader; bad rows are skipped and counted, never thrown. */
export function lsofReader(onRow: (row: SocketRow) => void): TableReader {
  const skipped = new SkippedRows();
  const lines = new LineCounter();
  let format = null as string | null;
  const seen = new Set<string>();
  let repeats = 0;

  function row(tokens: string[], typeAt: number, lineNumber: number): void {
    // NODE (`TCP`/`UDP`) follows DEVICE and SIZE/OFF, either of which may be blank.
    let nodeAt = -1;
    for (let i = typeAt + 1; i < Math.min(tokens.length, typeAt + 5); i++)
      if (tokens[i] === 'TCP' || tokens[i] === 'UDP') {
        nodeAt = i;
        break;
      }
    if (nodeAt < 0 || nodeAt + 1 >= tokens.length)
      return skipped.skip(lineNumber, 'no TCP or UDP socket name');
    if (tokens[nodeAt] === 'UDP') return; // no TCP state to read: counted as another line
    const name = tokens[nodeAt + 1]!;
    const arrow = name.indexOf('->');
    const local = readEndpoint(arrow < 0 ? name : name.slice(0, arrow));
    const peer: Endpoint | null =
      arrow < 0 ? { address: '*', port: null, unknown: null } : readEndpoint(name.slice(arrow + 2));
    if (!local || !peer)
      return skipped.skip(lineNumber, `unreadable address "${name.slice(0, 60)}"`);
    const info = readTcpInfo(tokens.slice(nodeAt + 2));
    if (!info)
      return skipped.skip(
        lineNumber,
        'no TCP state in parentheses (cut short, or lsof -T given without s)',
      );
    const device = tokens[typeAt + 1]!;
    if (/^0x[0-9a-f]+$/i.test(device)) {
      // One socket shared by several descriptors or processes is listed once per descriptor.
      const key = `${device} ${name}`;
      if (seen.has(key)) {
        repeats++;
        return;
      }
      seen.add(key);
    }
    const raw = tokens[0]!;
    const process = unescapeCommand(raw);
    const pid = isRedaction(tokens[1]!) ? null : Number(tokens[1]);
    const result: SocketRow = {
      protocol: tokens[typeAt] === 'IPv6' ? 'tcp6' : 'tcp4',
      localAddress: local.address,
      localPort: local.port ?? 0,
      peerAddress: peer.address,
      peerPort: peer.port,
      state: info.state,
      recvQueue: info.qr,
      sendQueue: info.qs,
      pid,
      process,
    };
    if (raw.length >= COMMAND_WIDTH) result.processCut = true;
    if (peer.unknown) result.peerUnknown = peer.unknown;
    lines.rows++;
    onRow(result);
  }

  return {
    get format() {
      return format;
    },
    line(text, start, end, lineNumber) {
      lines.total++;
      if (end - start > MAX_LINE_LENGTH) {
        if (format) skipped.skip(lineNumber, `line longer than ${MAX_LINE_LENGTH} characters`);
        return;
      }
      const tokens = collapsePlaceholders(text.slice(start, end)).trim().split(/\s+/);
      if (tokens[0] === '') return;
      if (isHeader(tokens)) {
        format ??= 'lsof';
        return;
      }
      // The pid may be a placeholder too (`apsd <pid> ...` collapses to `apsd • ...`).
      const typeAt = typeColumn(
        tokens[1] === REDACTED_MARK ? [tokens[0]!, '0', ...tokens.slice(2)] : tokens,
      );
      if (typeAt < 0) {
        if (
          format &&
          /^\S+\s+\d+\s/.test(text.slice(start, end)) &&
          /\b(TCP|IPv[46])\b/.test(text.slice(start, end))
        )
          skipped.skip(lineNumber, 'not an lsof socket row');
        return;
      }
      format ??= 'lsof-rows';
      row(tokens, typeAt, lineNumber);
    },
    finish() {
      const warnings: string[] = [];
      const skippedWarning = skipped.warning('lsof');
      if (skippedWarning) warnings.push(skippedWarning);
      if (repeats > 0)
        warnings.push(
          `lsof: ${countOf(repeats, 'row repeats', 'rows repeat')} a socket already listed (the same DEVICE, another descriptor), counted once`,
        );
      if (format) warnings.push(LSOF_BLIND_SPOT);
      return {
        format,
        warnings,
        skippedRows: skipped.count,
        firstProblem: skipped.example,
        lines: lines.tally(skipped.count),
      };
    },
  };
}

/** Parses `lsof -i` output; bad rows are skipped and counted, never thrown. */
export function parseLsof(text: string): SocketParseResult {
  return parseWith(lsofReader, text);
}
