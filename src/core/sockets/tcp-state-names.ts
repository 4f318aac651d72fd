/** Maps every tool's TCP state spelling onto the macOS names of the `TcpState` union. */
import type { TcpState } from '../../shared/snapshot';

/** Exact spellings seen in netstat (macOS), ss (Linux) and nettop, checked first for speed. */
const EXACT = new Map<string, TcpState>([
  ['ESTABLISHED', 'ESTABLISHED'],
  ['FIN_WAIT_1', 'FIN_WAIT_1'],
  ['FIN_WAIT_2', 'FIN_WAIT_2'],
  ['TIME_WAIT', 'TIME_WAIT'],
  ['CLOSE_WAIT', 'CLOSE_WAIT'],
  ['LAST_ACK', 'LAST_ACK'],
  ['SYN_SENT', 'SYN_SENT'],
  ['SYN_RCVD', 'SYN_RECEIVED'],
  ['CLOSING', 'CLOSING'],
  ['LISTEN', 'LISTEN'],
  ['CLOSED', 'CLOSED'],
  ['ESTAB', 'ESTABLISHED'],
  ['FIN-WAIT-1', 'FIN_WAIT_1'],
  ['FIN-WAIT-2', 'FIN_WAIT_2'],
  ['TIME-WAIT', 'TIME_WAIT'],
  ['CLOSE-WAIT', 'CLOSE_WAIT'],
  ['LAST-ACK', 'LAST_ACK'],
  ['SYN-SENT', 'SYN_SENT'],
  ['SYN-RECV', 'SYN_RECEIVED'],
  ['UNCONN', 'CLOSED'],
]);

/** Spellings with case, `_` and `-` removed: nettop's "FinWait1", "SynReceived" and the like. */
const FOLDED = new Map<string, TcpState>([
  ['ESTABLISHED', 'ESTABLISHED'],
  ['ESTAB', 'ESTABLISHED'],
  ['FINWAIT1', 'FIN_WAIT_1'],
  ['FINWAIT2', 'FIN_WAIT_2'],
  ['TIMEWAIT', 'TIME_WAIT'],
  ['CLOSEWAIT', 'CLOSE_WAIT'],
  ['LASTACK', 'LAST_ACK'],
  ['SYNSENT', 'SYN_SENT'],
  ['SYNRCVD', 'SYN_RECEIVED'],
  ['SYNRECV', 'SYN_RECEIVED'],
  ['SYNRECEIVED', 'SYN_RECEIVED'],
  ['CLOSING', 'CLOSING'],
  ['LISTEN', 'LISTEN'],
  ['LISTENING', 'LISTEN'],
  ['CLOSED', 'CLOSED'],
  ['CLOSE', 'CLOSED'],
  ['UNCONN', 'CLOSED'],
]);

/** The TcpState for a tool's state name, or null when the name is unknown. */
export function tcpStateFromName(name: string): TcpState | null {
  return EXACT.get(name) ?? FOLDED.get(name.replace(/[-_\s]/g, '').toUpperCase()) ?? null;
}

/** Only the exact spellings the tools print: a cut token ("CLOSE" of "CLOSE_WAIT") is no state. */
export function tcpStateFromExactName(name: string): TcpState | null {
  return EXACT.get(name) ?? null;
}
