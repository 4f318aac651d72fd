/**
 * macOS `nettop -m tcp -L 1 -n -J state,bytes_in,bytes_out` CSV, the fallback when netstat shows no
 * connected sockets (macOS 27 may hide other users' sockets from netstat; columns and state names
 * inferred, docs/sources.md#netstat-formats). Shape: a header whose name column is unnamed
 * (`time,,interface,state,...` or `,state,...`), then a `name.pid` line per process followed by
 * its connections, e.g.
 * `tcp4 10.0.0.2:50000<->17.57.146.20:5223` (IPv6 separates the port with a dot instead).
 * nettop prints no Send-Q or Recv-Q: rows carry 0 for both and the sampler says so.
 */
import type { SocketRow } from '../../shared/snapshot';
import {
  LineCounter,
  parseWith,
  type SocketParseResult,
  type TableReader,
} from './socket-parse-result';
import { tcpStateFromName } from './tcp-state-names';
import { MAX_LINE_LENGTH, SkippedRows } from './text-table';
import { MAX_PORT } from '../../shared/port';

interface Endpoint {
  address: string;
  port: number | null;
}

/** `10.0.0.2:50000` (IPv4), `fe80::1%en0.49152` / `::1.8021` (IPv6), `*:*`, `*.*`. */
function readEndpoint(text: string, v6: boolean): Endpoint | null {
  const cut = v6 ? text.lastIndexOf('.') : text.lastIndexOf(':');
  if (cut <= 0) return null;
  const portText = text.slice(cut + 1);
  let port: number | null = null;
  if (portText !== '*') {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) > MAX_PORT) return null;
    port = Number(portText);
  }
  const address = text.slice(0, cut);
  if (address === '*' || address === '0.0.0.0' || address === '::') return { address: '*', port };
  if (!/^[0-9a-fA-F:.]+(%[\w.]+)?$/.test(address)) return null;
  return { address, port };
}

/** A line-at-a-time nettop CSV reader; bad rows are skipped and counted, never thrown. */
export function nettopReader(onRow: (row: SocketRow) => void): TableReader {
  const skipped = new SkippedRows();
  const lines = new LineCounter();
  let nameColumn = -1;
  let stateColumn = -1;
  let owner: { process: string | null; pid: number | null } = { process: null, pid: null };

  return {
    get format() {
      return nameColumn < 0 ? null : 'nettop-csv';
    },
    line(text, start, end, lineNumber) {
      lines.total++;
      if (end - start > MAX_LINE_LENGTH) {
        if (nameColumn >= 0)
          skipped.skip(lineNumber, `line longer than ${MAX_LINE_LENGTH} characters`);
        return;
      }
      const fields = text.slice(start, end).replace(/\r$/, '').split(',');
      if (fields.length < 2) return;
      if (fields.includes('state') && fields.includes('')) {
        nameColumn = fields.indexOf('');
        stateColumn = fields.indexOf('state');
        return;
      }
      if (nameColumn < 0) return;
      const name = (fields[nameColumn] ?? '').trim();
      const space = name.indexOf(' ');
      const protocol = space > 0 ? name.slice(0, space) : '';
      if (!/^(tcp|udp)(4|6|46)$/.test(protocol)) {
        const dot = name.lastIndexOf('.');
        const pidText = name.slice(dot + 1);
        if (dot <= 0 || !/^\d+$/.test(pidText))
          return skipped.skip(lineNumber, 'neither a process.pid nor a connection line');
        owner = { process: name.slice(0, dot).trim() || null, pid: Number(pidText) || null };
        return;
      }
      if (protocol.startsWith('udp')) return;
      const [localText, peerText, extra] = name.slice(space + 1).split('<->');
      const v6 = protocol !== 'tcp4';
      const local = localText ? readEndpoint(localText.trim(), v6) : null;
      const peer = peerText ? readEndpoint(peerText.trim(), v6) : null;
      if (!local || !peer || extra !== undefined)
        return skipped.skip(lineNumber, 'unreadable address');
      const stateName = (fields[stateColumn] ?? '').trim().slice(0, 40);
      const state = tcpStateFromName(stateName);
      if (!state) return skipped.skip(lineNumber, `unknown state "${stateName.slice(0, 20)}"`);
      lines.rows++;
      onRow({
        protocol: protocol as SocketRow['protocol'],
        localAddress: local.address,
        localPort: local.port ?? 0,
        peerAddress: peer.address,
        peerPort: peer.port,
        state,
        recvQueue: 0,
        sendQueue: 0,
        pid: owner.pid,
        process: owner.process,
      });
    },
    finish() {
      const warning = skipped.warning('nettop');
      return {
        format: this.format,
        warnings: warning ? [warning] : [],
        skippedRows: skipped.count,
        firstProblem: skipped.example,
        lines: lines.tally(skipped.count),
      };
    },
  };
}

/** Parses nettop CSV; bad rows are skipped and counted, never thrown. */
export function parseNettop(text: string): SocketParseResult {
  return parseWith(nettopReader, text);
}
