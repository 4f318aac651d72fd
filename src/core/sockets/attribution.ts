/**
 * Which sockets belong to the watched daemon. A process name alone is not enough on macOS (a
 * closed socket keeps only its last pid, and a saved capture may have no names at all), and a
 * port alone is not enough either (5223 is also XMPP): so a socket counts when its owner is
 * named in the rules, or when its peer port *and* peer address both match. A peer netstat cut
 * short is matched as a prefix: it counts only when everything it could stand for matches.
 * Every row gets an answer: attributed with a reason, or one of the not-attributed groups.
 */
import type { WatchRules } from '../../shared/settings';
import type {
  NotAttributed,
  NotAttributedReason,
  RowTally,
  SocketRow,
} from '../../shared/snapshot';
import {
  classifyBlocks,
  cidrContains,
  cutIpv6Blocks,
  formatEndpoint,
  parseCidr,
  parseIp,
  type Cidr,
} from './address';
import { MAX_PORT } from '../../shared/port';

export interface CompiledRules {
  processes: ReadonlySet<string>;
  peerPorts: ReadonlySet<number>;
  peerCidrs: readonly Cidr[];
}

/** A socket the rules attribute to the daemon, with the reason in words. */
export type AttributedRow = SocketRow & { attributedBy: string };

export type Attribution =
  | { kind: 'attributed'; by: string }
  /** A cut address or port: some of what it could stand for is watched, some not. */
  | { kind: 'may-be-watched' }
  /** Redacted, missing or a name: whose it is cannot be told. */
  | { kind: 'peer-unknown' }
  | { kind: 'not-attributed'; reason: NotAttributedReason };

/** Validates and prepares the rules; throws a one-line AddressError for an invalid CIDR. */
export function compileRules(rules: WatchRules): CompiledRules {
  return {
    processes: new Set(rules.processes),
    peerPorts: new Set(rules.peerPorts),
    peerCidrs: rules.peerCidrs.map(parseCidr),
  };
}

type Match = { inside: Cidr } | 'outside' | 'maybe';

/** The first range containing the peer, for a whole or a cut (prefix) address. */
function peerRange(row: SocketRow, ranges: readonly Cidr[]): Match {
  if (ranges.length === 0) return 'outside';
  if (row.peerAddressCut) {
    const blocks = cutIpv6Blocks(row.peerAddress);
    return blocks ? classifyBlocks(blocks, ranges) : 'maybe';
  }
  const ip = parseIp(row.peerAddress);
  const range = ip ? ranges.find((r) => cidrContains(r, ip)) : undefined;
  return range ? { inside: range } : 'outside';
}

/** Whether the peer port is watched: `yes`, `no`, or `maybe` for a port netstat cut short. */
function portMatch(row: SocketRow, ports: ReadonlySet<number>): 'yes' | 'no' | 'maybe' {
  if (row.peerPort === null) return 'no';
  if (!row.peerPortCut) return ports.has(row.peerPort) ? 'yes' : 'no';
  // "522" may be 522, 5220-5229 or 52200-52299 (up to MAX_PORT).
  const shown = String(row.peerPort);
  let watched = 0;
  for (const port of ports) if (String(port).startsWith(shown)) watched++;
  if (watched === 0) return 'no';
  let candidates = 0;
  for (let digits = shown.length, scale = 1; digits <= 5; digits++, scale *= 10) {
    const low = row.peerPort * scale;
    candidates += Math.max(0, Math.min(low + scale - 1, MAX_PORT) - low + 1);
  }
  return candidates === watched ? 'yes' : 'maybe';
}

/**
 * Pids this machine's own process list names (the engine's daemon check): netstat before macOS 26
 * prints a socket's last pid but no name, so apsd's sockets to other ports are still found.
 */
export type KnownOwners = ReadonlyMap<number, string>;

/** Why a row is the daemon's, or which group of not-attributed rows it belongs to. */
export function attributeRow(
  row: SocketRow,
  rules: CompiledRules,
  owners?: KnownOwners,
): Attribution {
  if (row.process !== null && rules.processes.has(row.process))
    return { kind: 'attributed', by: `process ${row.process}` };
  if (row.processCut && row.process !== null) {
    const cut = row.process;
    const named = [...rules.processes].find((name) => name.startsWith(cut));
    if (named) return { kind: 'attributed', by: `process ${named} (name cut to "${cut}" by lsof)` };
  }
  const owner = row.process === null && row.pid !== null ? owners?.get(row.pid) : undefined;
  if (owner !== undefined && rules.processes.has(owner))
    return { kind: 'attributed', by: `process ${owner} (pid ${row.pid}, from ps)` };
  if (row.state === 'LISTEN') return { kind: 'not-attributed', reason: 'listening' };
  if (row.peerUnknown) {
    // A known peer port that is not watched settles it even without an address.
    if (row.peerPort !== null && !rules.peerPorts.has(row.peerPort))
      return { kind: 'not-attributed', reason: 'peer port not watched' };
    return { kind: 'peer-unknown' };
  }
  if (row.peerAddress === '*' || (row.peerPort === null && !row.peerPortCut))
    return { kind: 'not-attributed', reason: 'no peer' };
  const port = portMatch(row, rules.peerPorts);
  if (port === 'no') return { kind: 'not-attributed', reason: 'peer port not watched' };
  const range = peerRange(row, rules.peerCidrs);
  if (range === 'outside')
    return { kind: 'not-attributed', reason: 'peer outside the watched ranges' };
  if (range === 'maybe' || port === 'maybe') return { kind: 'may-be-watched' };
  const cut = row.peerAddressCut
    ? ` (address cut to "${row.peerAddress}" by netstat: all it can be is in the range)`
    : '';
  return { kind: 'attributed', by: `peer port ${row.peerPort} in ${range.inside.text}${cut}` };
}

const emptyTally = (): RowTally => ({ count: 0, byState: {}, sendQueueBytes: 0, example: null });

function addTo(tally: RowTally, row: SocketRow): void {
  tally.count++;
  tally.byState[row.state] = (tally.byState[row.state] ?? 0) + 1;
  tally.sendQueueBytes += row.sendQueue;
  if (tally.example === null)
    tally.example = row.peerUnknown
      ? `peer ${row.peerUnknown}, ${row.state}`
      : `${formatEndpoint(row.peerAddress, row.peerPort)}${row.peerAddressCut || row.peerPortCut ? ' (cut by netstat)' : ''} ${row.state}`;
}

/** Counts the rows that are not the daemon's, in bounded groups (a fixed set of reasons). */
export class NotAttributedTally {
  private readonly result: NotAttributed = {
    peerUnknown: { ...emptyTally(), why: {} },
    mayBeWatched: emptyTally(),
    byReason: {},
  };

  add(row: SocketRow, attribution: Exclude<Attribution, { kind: 'attributed' }>): void {
    if (attribution.kind === 'peer-unknown') {
      const { peerUnknown } = this.result;
      addTo(peerUnknown, row);
      const why = row.peerUnknown ?? 'missing';
      peerUnknown.why[why] = (peerUnknown.why[why] ?? 0) + 1;
    } else if (attribution.kind === 'may-be-watched') addTo(this.result.mayBeWatched, row);
    else
      this.result.byReason[attribution.reason] =
        (this.result.byReason[attribution.reason] ?? 0) + 1;
  }

  get count(): number {
    const { peerUnknown, mayBeWatched, byReason } = this.result;
    return (
      peerUnknown.count + mayBeWatched.count + Object.values(byReason).reduce((a, b) => a + b, 0)
    );
  }

  summary(): NotAttributed {
    return this.result;
  }
}

/** Keeps the rows the rules attribute to the daemon and tallies the others. */
export function attributeRows(
  rows: readonly SocketRow[],
  rules: CompiledRules,
  owners?: KnownOwners,
): { attributed: AttributedRow[]; unattributed: number; notAttributed: NotAttributed } {
  const attributed: AttributedRow[] = [];
  const others = new NotAttributedTally();
  for (const row of rows) {
    const attribution = attributeRow(row, rules, owners);
    if (attribution.kind === 'attributed')
      attributed.push({ ...row, attributedBy: attribution.by });
    else others.add(row, attribution);
  }
  return { attributed, unattributed: others.count, notAttributed: others.summary() };
}
