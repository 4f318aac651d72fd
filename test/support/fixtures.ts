/** Reading the hand-written fixtures under test/fixtures, and the tally the parser tests compare. */
import { readFileSync } from 'node:fs';
import type { SocketRow } from '../../src/shared/snapshot';

/** Absolute path of a fixture, e.g. `netstat/macos-26-anv-p-tcp.txt`. */
export function fixturePath(path: string): string {
  return new URL(`../fixtures/${path}`, import.meta.url).pathname;
}

export function readFixture(path: string): string {
  return readFileSync(fixturePath(path), 'utf8');
}

/** Rows per TCP state, for exact comparisons against a fixture's known contents. */
export function countByState(rows: readonly SocketRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.state] = (counts[row.state] ?? 0) + 1;
  return counts;
}
