/**
 * macOS `netstat -an`, `-An` and `-anv` (with or without `-p tcp`), every era in docs/sources.md.
 * Rows are read as whitespace tokens anchored on the header's names: the fixed columns up to the
 * state from the left, the `-v` columns from the right, so a process name with spaces (macOS 26's
 * `%16s:%-6u`) and widened addresses (`-l`) never shift anything. What people paste is read too:
 * rows without a header (a `grep` result), redacted or missing addresses, host and service names,
 * and addresses netstat cut to fit its columns (marked, so attribution can treat them as prefixes).
 */
import {
  TCP_STATES,
  type PeerUnknownReason,
  type SocketRow,
  type TcpState,
} from '../../shared/snapshot';
import {
  LineCounter,
  parseWith,
  type SocketParseResult,
  type TableReader,
} from './socket-parse-result';
import { MAX_LINE_LENGTH, SkippedRows, TokenLine, parseDecimal } from './text-table';
import { MAX_PORT } from '../../shared/port';
import { collapsePlaceholders, isRedaction } from './redaction';

/**
 * netstat's column widths (network_cmds inet.c, inet6.c: docs/sources.md): a host is cut at 16
 * characters, and a whole `host.port` at 18 with `-A` (22 without, where a port always fits).
 * `-l` widens both (39 and 45) and `-W` cuts nothing: a field wider than these shows it.
 */
const HOST_WIDTH = 16;
const A_FIELD_WIDTH = 18;
const FIELD_WIDTH = 22;

interface Layout {
  /** Columns before `Proto`: 2 with `-A` (socket address, flowhash). */
  lead: number;
  /** How many header columns follow `(state)`; -1 when unknown (rows without a header). */
  trailing: number;
  /** Index among the trailing columns of `pid`, or of the first `process:pid`; -1 if none. */
  pidColumn: number;
  /** Indices of trailing columns printed `name:pid` (the name may contain spaces). */
  firstName: number;
  lastName: number;
  nameColumns: number;
  /** The width an address column is cut at, or 0 when the header shows it is not cut. */
  fieldWidth: number;
  format: string;
}

/** The `-v` era by its column names (docs/sources.md's table). */
function era(names: string[]): string {
  if (names.includes('process:pid')) return '26';
  if (names.includes('rxbytes') && names.includes('rhiwat')) return '2024';
  if (names.includes('gencnt')) return '2022';
  if (names.includes('options')) return '2019';
  return '2014';
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
  const verbose = names.includes('rhiwat')
    ? `v-${era(names)}`
    : names.includes('rxbytes')
      ? 'b'
      : '';
  return {
    lead,
    trailing: names.length,
    pidColumn,
    firstName: nameIndices[0] ?? -1,
    lastName: nameIndices[nameIndices.length - 1] ?? -1,
    nameColumns: nameIndices.length,
    // Not the header's own width: recent netstat pads it to 45 without -l and to 22 with it.
    fieldWidth: lead > 0 ? A_FIELD_WIDTH : FIELD_WIDTH,
    format: `netstat-${lead > 0 ? 'An' : 'an'}${verbose}`,
  };
}

/** Rows pasted without their header: fixed columns only, nothing after the state is read. */
function headerlessLayout(lead: number): Layout {
  const standard = lead > 0 ? A_FIELD_WIDTH : FIELD_WIDTH;
  return {
    lead,
    trailing: -1,
    pidColumn: -1,
    firstName: -1,
    lastName: -1,
    nameColumns: 0,
    fieldWidth: standard,
    format: `netstat-${lead > 0 ? 'An' : 'an'}-rows`,
  };
}

interface Endpoint {
  address: string;
  port: number | null;
  addressCut: boolean;
  portCut: boolean;
  unknown: PeerUnknownReason | null;
}

const newEndpoint = (): Endpoint => ({
  address: '',
  port: null,
  addressCut: false,
  portCut: false,
  unknown: null,
});

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** A hand-redacted endpoint (`•.5223`, `x.x.x.x.•`, `XXX`): unknown, its port kept when shown. */
function readRedacted(token: string, out: Endpoint): true {
  const dot = token.lastIndexOf('.');
  const port =
    dot >= 0 && /^\d{1,5}$/.test(token.slice(dot + 1)) ? Number(token.slice(dot + 1)) : -1;
  out.unknown = 'redacted';
  out.port = port >= 0 && port <= MAX_PORT ? port : null;
  return true;
}

/**
 * Splits `a.b.c.d.port` / `v6addr.port` / `*.*` at the last dot into `out` (reused from row to
 * row); a name or a redaction is read as an unknown endpoint; false when the token is no address.
 */
function readEndpoint(line: TokenLine, index: number, fieldWidth: number, out: Endpoint): boolean {
  const text = line.text;
  const start = line.starts[index] as number;
  const end = line.ends[index] as number;
  out.address = '';
  out.port = null;
  out.addressCut = false;
  out.portCut = false;
  out.unknown = null;
  const lastDot = text.lastIndexOf('.', end - 1);
  // One pass: a redaction mark anywhere, and whether the host part is an address or a name.
  let numeric = true;
  let zone = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2022 || (c === 42 && text.charCodeAt(i + 1) === 42))
      return readRedacted(text.slice(start, end), out);
    if (i >= lastDot || zone || !numeric) continue;
    if (c === 37)
      zone = true; // fe80::1%lo0: the zone is a name, the address before it is numeric
    else numeric = isHex(c) || c === 46 || c === 58 || (c === 42 && lastDot - start === 1);
  }
  if (lastDot <= start || lastDot === end - 1) {
    const token = text.slice(start, end);
    return isRedaction(token) && readRedacted(token, out);
  }
  const starPort = end - lastDot === 2 && text.charCodeAt(lastDot + 1) === 42;
  if (!starPort) {
    out.port = parseDecimal(text, lastDot + 1, end);
    if (out.port > MAX_PORT) return false;
  }
  if (!numeric || out.port === -1) {
    const token = text.slice(start, end);
    if (isRedaction(text.slice(start, lastDot)) || isRedaction(token))
      return readRedacted(token, out);
    // A host or service name (netstat without -n): the row's state and queues still count.
    if (!/^[\w.:%*-]+$/.test(text.slice(start, end))) return false;
    out.unknown = 'name';
    out.port = null;
    return true;
  }
  out.address = text.slice(start, lastDot);
  if (out.address === '0.0.0.0' || out.address === '::') out.address = '*';
  if (fieldWidth > 0) {
    out.portCut =
      !starPort &&
      fieldWidth === A_FIELD_WIDTH &&
      end - start === A_FIELD_WIDTH &&
      end - lastDot <= 5;
    out.addressCut = lastDot - start === HOST_WIDTH && out.address.includes(':');
  }
  return true;
}

/**
 * The pid after a token's last `:`; -2 when a placeholder stands for it (`apsd:<pid>`), -1 when
 * the token is not `name:digits`.
 */
function pidAfterColon(line: TokenLine, index: number): number {
  const start = line.starts[index] as number;
  const end = line.ends[index] as number;
  const colon = line.text.lastIndexOf(':', end - 1);
  if (colon < start) return -1;
  const pid = parseDecimal(line.text, colon + 1, end);
  return pid < 0 && isRedaction(line.text.slice(colon + 1, end)) ? -2 : pid;
}

/** macOS 26's `%16s:%-6u` spread over tokens first..last: the name may contain spaces or be empty. */
function readOwner(
  line: TokenLine,
  first: number,
  last: number,
): { pid: number | null; process: string | null } | null {
  const found = pidAfterColon(line, last);
  if (found === -1) return null;
  const pid = found === -2 ? null : found;
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
  if (length > 1 && line.text.charCodeAt(start + length - 1) === 42) length--;
  for (const [name, state] of NETSTAT_STATES)
    if (name.length === length && line.text.startsWith(name, start)) return state;
  return null; // netstat prints only its own names: anything else (a cut "CLOSE") is no state
}

function protocolOf(line: TokenLine, index: number): SocketRow['protocol'] | null {
  if (line.equals(index, 'tcp4')) return 'tcp4';
  if (line.equals(index, 'tcp6')) return 'tcp6';
  if (line.equals(index, 'tcp46')) return 'tcp46';
  return null;
}

/** Reads the owner columns after the state; a string is the reason they cannot be read. */
function readTrailing(
  line: TokenLine,
  layout: Layout,
  after: number,
): { pid: number | null; process: string | null } | string {
  if (layout.trailing < 0) return headerlessOwner(line, after);
  let first = after;
  if (first < line.count && line.equals(first, '*') && layout.firstName !== 0) first++;
  const rest = line.count - first;
  if (layout.nameColumns === 0 ? rest !== layout.trailing : rest < layout.trailing)
    return `expected ${layout.trailing} columns after the state, found ${rest}`;
  if (layout.nameColumns > 0) {
    const regionEnd = line.count - layout.trailing + layout.lastName;
    let last = regionEnd;
    if (layout.nameColumns > 1) {
      last = first + layout.firstName;
      while (last < regionEnd && pidAfterColon(line, last) === -1) last++;
    }
    return readOwner(line, first + layout.firstName, last) ?? 'unreadable process:pid column';
  }
  if (layout.pidColumn < 0) return { pid: null, process: null };
  const pid = line.uint(first + layout.pidColumn);
  return pid < 0 ? 'pid is not a number' : { pid, process: null };
}

/**
 * Rows without their header (a `grep` result): the owner is read only where it shows itself, as
 * macOS 26's `name:pid` after the counters (the name may hold spaces; the pid may be redacted).
 */
function headerlessOwner(
  line: TokenLine,
  after: number,
): { pid: number | null; process: string | null } {
  for (let i = after; i < line.count; i++) {
    if (pidAfterColon(line, i) === -1) continue;
    let first = i;
    while (first > after && line.uint(first - 1) < 0) first--;
    return readOwner(line, first, i) ?? { pid: null, process: null };
  }
  return { pid: null, process: null };
}

const local = newEndpoint();
const peer = newEndpoint();

/** Parses one TCP data row; returns the reason when it cannot. */
function readRow(line: TokenLine, layout: Layout): SocketRow | string {
  const p = layout.lead;
  if (line.count < p + 5) return 'too few columns';
  const protocol = protocolOf(line, p);
  if (!protocol) return `unknown protocol "${line.token(p).slice(0, 12)}"`;
  const recvQueue = line.uint(p + 1);
  const sendQueue = line.uint(p + 2);
  if (recvQueue < 0 || sendQueue < 0) return 'Recv-Q or Send-Q is not a number';
  // Two addresses, then the state; a paste may have lost the peer column (or both).
  let stateIndex = p + 5;
  let state = stateIndex < line.count ? stateAt(line, stateIndex) : null;
  if (!state && stateAt(line, p + 4)) state = stateAt(line, (stateIndex = p + 4));
  if (!state && stateAt(line, p + 3)) state = stateAt(line, (stateIndex = p + 3));
  if (!state) return `unknown state "${line.token(Math.min(p + 5, line.count - 1)).slice(0, 20)}"`;
  const addresses = stateIndex - (p + 3);
  if (addresses >= 1 && !readEndpoint(line, p + 3, layout.fieldWidth, local))
    return 'unreadable address';
  if (addresses === 2 && !readEndpoint(line, p + 4, layout.fieldWidth, peer))
    return 'unreadable address';
  if (addresses < 2) {
    // A paste that blanked the local address and lost the peer column was redacted, not cut.
    const redacted = addresses === 1 && local.unknown === 'redacted';
    Object.assign(peer, newEndpoint());
    peer.unknown = redacted ? 'redacted' : 'missing';
  }
  if (addresses < 1) Object.assign(local, newEndpoint(), { unknown: 'missing' });
  const owner = readTrailing(line, layout, stateIndex + 1);
  if (typeof owner === 'string') {
    // A redacted paste may have lost columns after the state too; state and queues still count.
    if (addresses === 2 && !peer.unknown) return owner;
  }
  const row: SocketRow = {
    protocol,
    localAddress: local.address,
    localPort: local.port ?? 0,
    peerAddress: peer.address,
    peerPort: peer.port,
    state,
    recvQueue,
    sendQueue,
    pid: typeof owner === 'string' || owner.pid === 0 ? null : owner.pid,
    process: typeof owner === 'string' ? null : owner.process,
  };
  if (peer.unknown) row.peerUnknown = peer.unknown;
  if (peer.addressCut) row.peerAddressCut = true;
  if (peer.portCut) row.peerPortCut = true;
  return row;
}

/** Whether a line holds `<` or `[`, the start of a placeholder (checked in place, no copy). */
function holdsPlaceholder(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 || c === 91) return true;
  }
  return false;
}

/** Protocols netstat lists in its Internet section that are not TCP: counted as other lines. */
function isOtherProtocol(line: TokenLine, index: number): boolean {
  return (
    line.startsWith(index, 'udp') || line.startsWith(index, 'icm') || line.startsWith(index, 'raw')
  );
}

/**
 * A row of netstat's UNIX-domain or kernel-control sections (`<hex> stream ...`, `kctl ...`), met
 * without its section banner when a paste is `netstat -anv | grep NAME`: another line, not TCP.
 */
function isOtherSectionRow(line: TokenLine): boolean {
  if (line.equals(0, 'kctl') || line.equals(0, 'kevt')) return true;
  return (
    line.count > 2 &&
    (line.equals(1, 'stream') || line.equals(1, 'dgram') || line.equals(1, 'seqpacket'))
  );
}

/** The start of a TCP row with no header before it: `tcp4 0 0 ...` or `-A`'s two hex columns first. */
function headerlessLead(line: TokenLine): number {
  if (line.count >= 5 && protocolOf(line, 0)) return 0;
  if (line.count >= 7 && protocolOf(line, 2)) return 2;
  return -1;
}

export interface NetstatOptions {
  /** The caller ran netstat with -l (or -W): nothing is cut, so no peer is a prefix. */
  addressesWhole?: boolean;
}

/** A line-at-a-time netstat reader; bad rows are skipped and counted, never thrown. */
export function netstatReader(
  onRow: (row: SocketRow) => void,
  options: NetstatOptions = {},
): TableReader {
  const skipped = new SkippedRows();
  const lines = new LineCounter();
  const line = new TokenLine();
  let format = null as string | null;
  let layout = null as Layout | null;
  let inInternet = false;
  let cutPeers = 0;
  let headerlessOwners = 0;
  let widerField = options.addressesWhole === true;

  function row(lineNumber: number): void {
    const read = readRow(line, layout as Layout);
    if (typeof read === 'string') return skipped.skip(lineNumber, read);
    // A field wider than netstat's cut width means -l or -W: nothing in this capture is cut.
    if (!widerField && layout!.fieldWidth > 0) {
      const p = layout!.lead;
      for (let i = p + 3; i <= p + 4 && i < line.count; i++)
        if (line.length(i) > layout!.fieldWidth) widerField = true;
      if (widerField) layout!.fieldWidth = 0;
    }
    if (widerField) {
      delete read.peerAddressCut;
      delete read.peerPortCut;
    }
    if (read.peerAddressCut || read.peerPortCut) cutPeers++;
    if (layout!.trailing < 0 && read.process !== null) headerlessOwners++;
    lines.rows++;
    onRow(read);
  }

  return {
    get format() {
      return format;
    },
    line(text, start, end, lineNumber) {
      lines.total++;
      if (holdsPlaceholder(text, start, end)) {
        // `<my ip>.<local port>` is one redacted value: collapsed to one token before splitting.
        text = collapsePlaceholders(text.slice(start, end));
        start = 0;
        end = text.length;
      }
      line.bind(text);
      if (end - start > MAX_LINE_LENGTH) {
        if (layout) skipped.skip(lineNumber, `line longer than ${MAX_LINE_LENGTH} characters`);
        return;
      }
      if (!line.split(start, end)) {
        if (layout) skipped.skip(lineNumber, 'too many columns');
        return;
      }
      if (line.count === 0) return;
      if (inInternet && layout && line.count > layout.lead && line.startsWith(layout.lead, 'tcp'))
        return row(lineNumber);
      if (line.equals(0, 'Active') || line.equals(0, 'Registered') || line.equals(0, 'Current')) {
        inInternet = line.equals(1, 'Internet');
        layout = null;
        return;
      }
      const header = readHeader(line);
      if (header) {
        layout = header;
        if (widerField) layout.fieldWidth = 0;
        format ??= header.format;
        inInternet = true;
        return;
      }
      if (!layout && !format) {
        const lead = headerlessLead(line);
        if (lead >= 0) {
          layout = headerlessLayout(lead);
          if (widerField) layout.fieldWidth = 0;
          format = layout.format;
          inInternet = true;
          return row(lineNumber);
        }
      }
      if (!inInternet || !layout) return;
      if (line.count > layout.lead && isOtherProtocol(line, layout.lead)) return;
      if (line.equals(0, 'Some')) return; // "Some tcp sockets may have been deleted."
      if (isOtherSectionRow(line)) return;
      skipped.skip(lineNumber, 'not a socket row');
    },
    finish() {
      const warnings: string[] = [];
      const skippedWarning = skipped.warning('netstat');
      if (skippedWarning) warnings.push(skippedWarning);
      if (cutPeers > 0)
        warnings.push(
          `netstat: ${cutPeers} peer addresses or ports were cut to fit netstat's columns and are matched as prefixes; netstat -anvl prints them whole`,
        );
      if (format?.endsWith('-rows') && headerlessOwners === 0)
        warnings.push('netstat: rows without their header: owners (pid) are not read');
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

/** Parses macOS netstat output; bad rows are skipped and counted, never thrown. */
export function parseNetstat(text: string, options: NetstatOptions = {}): SocketParseResult {
  return parseWith((onRow) => netstatReader(onRow, options), text);
}
