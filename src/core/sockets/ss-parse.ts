/**
 * Linux `ss -tan` / `ss -tanp` (also with a leading `Netid` column, as `ss -tuan` prints).
 * Addresses are `a.b.c.d:port`, `[v6]:port`, `*:*`, optionally `%iface` after the address;
 * owners are `users:(("name",pid=1,fd=3),...)` and a name may contain spaces.
 */
import type { SocketRow } from '../../shared/snapshot';
import {
  LineCounter,
  parseWith,
  type SocketParseResult,
  type TableReader,
} from './socket-parse-result';
import { tcpStateFromExactName } from './tcp-state-names';
import { MAX_LINE_LENGTH, SkippedRows, TokenLine } from './text-table';
import { MAX_PORT } from '../../shared/port';

interface Endpoint {
  address: string;
  port: number | null;
  family: 4 | 6 | 0;
  /** A service name (`*:ssh`, `127.0.0.1:smtp`) instead of a port number: ss without -n. */
  named?: boolean;
}

/** Reads `127.0.0.1:80`, `[::1]:5223`, `[fe80::1]%eth0:22`, `127.0.0.53%lo:53`, `*:*`. */
function readEndpoint(token: string): Endpoint | null {
  const colon = token.lastIndexOf(':');
  if (colon <= 0) return null;
  const portText = token.slice(colon + 1);
  let port: number | null = null;
  let named = false;
  if (portText !== '*' && /^[a-z][\w-]*$/i.test(portText)) named = true;
  else if (portText !== '*') {
    if (!/^\d{1,5}$/.test(portText)) return null;
    port = Number(portText);
    if (port > MAX_PORT) return null;
  }
  let address = token.slice(0, colon);
  const percent = address.indexOf('%');
  let zone = '';
  if (percent >= 0 && !address.startsWith('[')) {
    zone = address.slice(percent);
    address = address.slice(0, percent);
  }
  let family: 4 | 6 | 0 = 4;
  if (address.startsWith('[')) {
    const close = address.indexOf(']');
    if (close < 0) return null;
    zone = address.slice(close + 1); // ss prints [fe80::1]%eth0
    address = address.slice(1, close);
    family = 6;
  }
  if (address === '*' || address === '0.0.0.0' || address === '::')
    return { address: '*', port, family: address === '*' ? 0 : family, named };
  if (family === 4 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return null;
  if (family === 6 && !/^[0-9a-fA-F:.]+$/.test(address)) return null;
  return { address: address + zone, port, family, named };
}

/** The first owner in `users:(("name",pid=1,fd=3),...)` (older ss: `("name",1,3)`), if any. */
function readOwner(rest: string): { process: string; pid: number } | null {
  const at = rest.indexOf('users:(("');
  if (at < 0) return null;
  const nameStart = at + 9;
  const nameEnd = rest.indexOf('",', nameStart);
  if (nameEnd < 0) return null;
  const pid = /^(?:pid=)?(\d+)/.exec(rest.slice(nameEnd + 2, nameEnd + 20));
  if (!pid) return null;
  return { process: rest.slice(nameStart, nameEnd), pid: Number(pid[1]) };
}

/** A line-at-a-time ss reader; bad rows are skipped and counted, never thrown. */
export function ssReader(onRow: (row: SocketRow) => void): TableReader {
  const skipped = new SkippedRows();
  const lines = new LineCounter();
  const line = new TokenLine();
  let lead = -1; // 1 when a Netid column comes first
  let withOwners = false;
  let named = 0;

  return {
    get format() {
      return lead < 0 ? null : withOwners ? 'ss-tanp' : 'ss-tan';
    },
    line(text, start, end, lineNumber) {
      lines.total++;
      line.bind(text);
      if (end - start > MAX_LINE_LENGTH) {
        if (lead >= 0) skipped.skip(lineNumber, `line longer than ${MAX_LINE_LENGTH} characters`);
        return;
      }
      if (!line.split(start, end) || line.count === 0) return;
      if (
        (line.equals(0, 'State') || (line.equals(0, 'Netid') && line.equals(1, 'State'))) &&
        line.count > 3
      ) {
        lead = line.equals(0, 'Netid') ? 1 : 0;
        return;
      }
      if (lead < 0) return;
      if (lead === 1 && !line.equals(0, 'tcp')) return; // udp, unix, ... rows of ss -tuan
      if (line.count < lead + 5) return skipped.skip(lineNumber, 'too few columns');
      const state = tcpStateFromExactName(line.token(lead));
      if (!state)
        return skipped.skip(lineNumber, `unknown state "${line.token(lead).slice(0, 20)}"`);
      const recvQueue = line.uint(lead + 1);
      const sendQueue = line.uint(lead + 2);
      if (recvQueue < 0 || sendQueue < 0)
        return skipped.skip(lineNumber, 'Recv-Q or Send-Q is not a number');
      const local = readEndpoint(line.token(lead + 3));
      const peer = readEndpoint(line.token(lead + 4));
      if (!local || !peer) return skipped.skip(lineNumber, 'unreadable address');
      const owner =
        line.count > lead + 5 ? readOwner(text.slice(line.starts[lead + 5], end)) : null;
      if (owner) withOwners = true;
      const family = local.family || peer.family;
      const row: SocketRow = {
        protocol: family === 4 ? 'tcp4' : family === 6 ? 'tcp6' : 'tcp46',
        localAddress: local.address,
        localPort: local.port ?? 0,
        peerAddress: peer.address,
        peerPort: peer.port,
        state,
        recvQueue,
        sendQueue,
        pid: owner?.pid ?? null,
        process: owner?.process ?? null,
      };
      if (peer.named) {
        row.peerUnknown = 'name';
        row.peerAddress = '';
        row.peerPort = null;
        named++;
      }
      lines.rows++;
      onRow(row);
    },
    finish() {
      const warnings: string[] = [];
      const warning = skipped.warning('ss');
      if (warning) warnings.push(warning);
      if (named > 0)
        warnings.push(
          `ss: ${named} peers printed as service names, not numbers; ss -tan prints numbers`,
        );
      return {
        format: this.format,
        warnings,
        skippedRows: skipped.count,
        firstProblem: skipped.example,
        lines: lines.tally(skipped.count),
      };
    },
  };
}

/** Parses ss output; bad rows are skipped and counted, never thrown. */
export function parseSs(text: string): SocketParseResult {
  return parseWith(ssReader, text);
}
