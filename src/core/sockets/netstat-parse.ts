/**
 * macOS `netstat -an`, `-An` and `-anv` (with or without `-p tcp`), every era documented in
 * docs/sources.md#netstat-formats. Rows are read as whitespace tokens anchored on the header's
 * names: the fixed columns up to the state from the left, the `-v` columns from the right, so a
 * process name with spaces (macOS 26's `%16s:%-6u`) and widened addresses (`-l`) never shift
 * anything.
 */
import { TCP_STATES, type SocketRow, type TcpState } from '../../shared/snapshot';
import type { SocketParseResult } from './socket-parse-result';
import { tcpStateFromName } from './tcp-state-names';
import { MAX_LINE_LENGTH, SkippedRows, TokenLine, forEachLine, parseDecimal } from './text-table';

interface Layout {
  /** Columns before `Proto`: 2 with `-A` (socket address, flowhash). */
  lead: number;
  /** How many header columns follow `(state)`. */
  trailing: number;
  /** Index among the trailing columns of `pid`, or of the first `process:pid`; -1 if none. */
  pidColumn: number;
  /** Indices of trailing columns printed `name:pid` (the name may contain spaces). */
  firstName: number;
  lastName: number;
  nameColumns: number;
  format: string;
}

/** Reads the column header (`Proto Recv-Q Send-Q ... (state) ...`); null for any other line. */
function readHeader(line: TokenLine): Layout | null {
  let lead = -1;
  for (let i = 0; i < Math.min(3, line.count); i++) if (line.equals(i, 'Proto')) lead = i;
  if (lead < 0 || !line.equals(lead + 1, 'Recv-Q') || !line.equals(lead + 2, 'Send-Q')) return null;
  let stateAt = -1;
  for (let i = lead + 3; i < line.count; i++)
    if (line.token(i).toLowerCase() === '(state)') stateAt = i;
  if (stateAt < 0) return null;
  const names: string[] = [];
  for (let i = stateAt + 1; i < line.count; i++) names.push(line.token(i));
  const nameIndices = names.flatMap((name, i) => (name.includes(':') ? [i] : []));
  const pidColumn = nameIndices[0] ?? names.indexOf('pid');
  return {
    lead,
    trailing: names.length,
    pidColumn,
    firstName: nameIndices[0] ?? -1,
    lastName: nameIndices[nameIndices.length - 1] ?? -1,
    nameColumns: nameIndices.length,
    format: `netstat-${lead > 0 ? 'An' : 'an'}${names.includes('rhiwat') ? `v-${era(names)}` : ''}`,
  };
}

/** The `-v` era by its column names (docs/sources.md#netstat-formats). */
function era(names: string[]): string {
  if (names.includes('process:pid')) return '26';
  if (names.includes('usecnt')) return '2024';
  if (names.includes('gencnt')) return '2022';
  if (names.includes('options')) return '2019';
  return '2014';
}

interface Endpoint {
  address: string;
  port: number | null;
}

const local: Endpoint = { address: '', port: null };
const peer: Endpoint = { address: '', port: null };

/** Address cut-off hints: `-A` prints addresses 18 wide and IPv6 is cut at 16 without `-l`. */
interface CutHints {
  exactly18: number;
  wider18: boolean;
  v6At16: number;
  v6Wider16: boolean;
}

/**
 * Splits `a.b.c.d.port` / `v6addr.port` / `*.*` at the last dot into `out` (reused from row to
 * row); false when malformed.
 */
function readEndpoint(line: TokenLine, index: number, hints: CutHints, out: Endpoint): boolean {
  const text = line.text;
  const start = line.starts[index] as number;
  const end = line.ends[index] as number;
  const lastDot = text.lastIndexOf('.', end - 1);
  if (lastDot <= start || lastDot === end - 1) return false;
  out.port = null;
  if (!(end - lastDot === 2 && text.charCodeAt(lastDot + 1) === 42)) {
    out.port = parseDecimal(text, lastDot + 1, end);
    if (out.port < 0 || out.port > 65535) return false;
  }
  const first = text.charCodeAt(start);
  const plausible =
    (first >= 48 && first <= 57) || (first >= 97 && first <= 102) || first === 58 || first === 42;
  if (!plausible) return false;
  out.address = text.slice(start, lastDot);
  if (out.address === '0.0.0.0' || out.address === '::') out.address = '*';
  if (end - start === 18) hints.exactly18++;
  else if (end - start > 18) hints.wider18 = true;
  if (lastDot - start >= 16 && text.lastIndexOf(':', lastDot) >= start) {
    if (lastDot - start === 16) hints.v6At16++;
    else hints.v6Wider16 = true;
  }
  return true;
}

/** The pid after a token's last `:`; -1 when the token is not `name:digits`. */
function pidAfterColon(line: TokenLine, index: number): number {
  const start = line.starts[index] as number;
  const end = line.ends[index] as number;
  const colon = line.text.lastIndexOf(':', end - 1);
  return colon < start ? -1 : parseDecimal(line.text, colon + 1, end);
}

/** macOS 26's `%16s:%-6u` spread over tokens first..last: the name may contain spaces or be empty. */
function readOwner(
  line: TokenLine,
  first: number,
  last: number,
): { pid: number; process: string | null } | null {
  const pid = pidAfterColon(line, last);
  if (pid < 0) return null;
  const colon = line.text.lastIndexOf(':', (line.ends[last] as number) - 1);
  const start = line.starts[first] as number;
  if (colon === start) return { pid, process: null };
  const name = line.text.slice(start, colon);
  return { pid, process: first === last ? name : name.replace(/\s+/g, ' ') };
}

/** netstat's own state names, matched in place (no substring per row). */
const NETSTAT_STATES = TCP_STATES.map(
  (state) => [state === 'SYN_RECEIVED' ? 'SYN_RCVD' : state, state] as const,
);

/** The state token, allowing the T/TCP "hidden state" `*` that 10.13 and older may append. */
function stateAt(line: TokenLine, index: number): TcpState | null {
  const start = line.starts[index] as number;
  let length = line.length(index);
  if (line.text.charCodeAt(start + length - 1) === 42) length--;
  for (const [name, state] of NETSTAT_STATES)
    if (name.length === length && line.text.startsWith(name, start)) return state;
  return tcpStateFromName(line.text.slice(start, start + length));
}

function protocolOf(line: TokenLine, index: number): SocketRow['protocol'] | null {
  if (line.equals(index, 'tcp4')) return 'tcp4';
  if (line.equals(index, 'tcp6')) return 'tcp6';
  if (line.equals(index, 'tcp46')) return 'tcp46';
  return null;
}

/** Parses one TCP data row; returns the reason when it cannot. */
function readRow(line: TokenLine, layout: Layout, hints: CutHints): SocketRow | string {
  const p = layout.lead;
  if (line.count < p + 6) return 'too few columns';
  const protocol = protocolOf(line, p);
  if (!protocol) return `unknown protocol "${line.token(p).slice(0, 12)}"`;
  const recvQueue = line.uint(p + 1);
  const sendQueue = line.uint(p + 2);
  if (recvQueue < 0 || sendQueue < 0) return 'Recv-Q or Send-Q is not a number';
  if (!readEndpoint(line, p + 3, hints, local) || !readEndpoint(line, p + 4, hints, peer))
    return 'unreadable address';
  const state = stateAt(line, p + 5);
  if (!state) return `unknown state "${line.token(p + 5).slice(0, 20)}"`;
  let first = p + 6;
  if (first < line.count && line.equals(first, '*') && layout.firstName !== 0) first++;
  const rest = line.count - first;
  if (layout.nameColumns === 0 ? rest !== layout.trailing : rest < layout.trailing)
    return `expected ${layout.trailing} columns after the state, found ${rest}`;
  let pid: number | null = null;
  let process: string | null = null;
  if (layout.nameColumns > 0) {
    const regionEnd = line.count - layout.trailing + layout.lastName;
    let last = regionEnd;
    if (layout.nameColumns > 1) {
      last = first + layout.firstName;
      while (last < regionEnd && pidAfterColon(line, last) < 0) last++;
    }
    const owner = readOwner(line, first + layout.firstName, last);
    if (!owner) return 'unreadable process:pid column';
    ({ pid, process } = owner);
  } else if (layout.pidColumn >= 0) {
    pid = line.uint(first + layout.pidColumn);
    if (pid < 0) return 'pid is not a number';
  }
  return {
    protocol,
    localAddress: local.address,
    localPort: local.port ?? 0,
    peerAddress: peer.address,
    peerPort: peer.port,
    state,
    recvQueue,
    sendQueue,
    pid: pid === 0 ? null : pid,
    process,
  };
}

/** Parses macOS netstat output; bad rows are skipped and counted, never thrown. */
export function parseNetstat(text: string): SocketParseResult {
  const rows: SocketRow[] = [];
  const skipped = new SkippedRows();
  const hints: CutHints = { exactly18: 0, wider18: false, v6At16: 0, v6Wider16: false };
  const line = new TokenLine(text);
  let format = null as string | null;
  let layout = null as Layout | null;
  let inInternet = false;

  forEachLine(text, (start, end, lineNumber) => {
    if (end - start > MAX_LINE_LENGTH) {
      if (layout) skipped.skip(lineNumber, `line longer than ${MAX_LINE_LENGTH} characters`);
      return;
    }
    if (!line.split(start, end)) {
      if (layout) skipped.skip(lineNumber, 'too many columns');
      return;
    }
    if (line.count === 0) return;
    if (inInternet && layout && line.count > layout.lead && line.startsWith(layout.lead, 'tcp')) {
      const row = readRow(line, layout, hints);
      if (typeof row === 'string') skipped.skip(lineNumber, row);
      else rows.push(row);
      return;
    }
    if (line.equals(0, 'Active') || line.equals(0, 'Registered') || line.equals(0, 'Current')) {
      inInternet = line.equals(1, 'Internet');
      layout = null;
      return;
    }
    const header = readHeader(line);
    if (header) {
      layout = header;
      format ??= header.format;
      inInternet = true;
      return;
    }
    if (!inInternet || !layout) return;
    if (line.count > layout.lead && line.startsWith(layout.lead, 'udp')) return;
    if (line.equals(0, 'Some')) return; // "Some tcp sockets may have been deleted."
    skipped.skip(lineNumber, 'not a socket row');
  });

  const warnings: string[] = [];
  const skippedWarning = skipped.warning('netstat');
  if (skippedWarning) warnings.push(skippedWarning);
  if (format?.startsWith('netstat-An') && hints.exactly18 > 0 && !hints.wider18)
    warnings.push(
      `netstat: ${hints.exactly18} addresses fill -A's 18-character column and may be cut short (ports can be wrong); -W prints them whole`,
    );
  if (hints.v6At16 > 0 && !hints.v6Wider16)
    warnings.push(
      `netstat: ${hints.v6At16} IPv6 addresses may be cut at 16 characters; netstat -l prints them whole`,
    );
  return { rows, format, warnings, skippedRows: skipped.count, firstProblem: skipped.example };
}
