/**
 * Which sockets belong to the watched daemon. A process name alone is not enough on macOS (a closed
 * socket keeps only its last pid, and a saved capture may have no names at all), and a port alone
 * is not enough either (5223 is also XMPP, docs/sources.md#push-network): so a socket counts when
 * its owner is named in the rules, or when its peer port *and* peer address both match.
 */
import type { WatchRules } from '../../shared/settings';
import type { SocketRow } from '../../shared/snapshot';
import { cidrContains, parseCidr, parseIp, type Cidr } from './address';

export interface CompiledRules {
  processes: ReadonlySet<string>;
  peerPorts: ReadonlySet<number>;
  peerCidrs: readonly Cidr[];
}

/** A socket the rules attribute to the daemon, with the reason in words. */
export type AttributedRow = SocketRow & { attributedBy: string };

/** Validates and prepares the rules; throws a one-line AddressError for an invalid CIDR. */
export function compileRules(rules: WatchRules): CompiledRules {
  return {
    processes: new Set(rules.processes),
    peerPorts: new Set(rules.peerPorts),
    peerCidrs: rules.peerCidrs.map(parseCidr),
  };
}

/** The first range containing the address, or null (`*`, unparsable, or outside them all). */
function matchingRange(address: string, ranges: readonly Cidr[]): Cidr | null {
  const ip = parseIp(address);
  if (!ip) return null;
  return ranges.find((range) => cidrContains(range, ip)) ?? null;
}

/** Why a row is the daemon's, or null when it is not. */
function reasonFor(row: SocketRow, rules: CompiledRules): string | null {
  if (row.process !== null && rules.processes.has(row.process)) return `process ${row.process}`;
  if (row.state === 'LISTEN' || row.peerPort === null || !rules.peerPorts.has(row.peerPort))
    return null;
  const range = rules.peerCidrs.length > 0 ? matchingRange(row.peerAddress, rules.peerCidrs) : null;
  return range ? `peer port ${row.peerPort} in ${range.text}` : null;
}

/** Keeps the rows the rules attribute to the daemon and counts the others. */
export function attributeRows(
  rows: readonly SocketRow[],
  rules: CompiledRules,
): { attributed: AttributedRow[]; unattributed: number } {
  const attributed: AttributedRow[] = [];
  for (const row of rows) {
    const attributedBy = reasonFor(row, rules);
    if (attributedBy) attributed.push({ ...row, attributedBy });
  }
  return { attributed, unattributed: rows.length - attributed.length };
}
