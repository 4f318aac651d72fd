/**
 * Linux's socket table read straight from /proc/net/tcp{,6}, with owners from /proc/<pid>/fd when
 * asked: the sampler's fallback when `ss` is missing or fails. Reads are synchronous (/proc is
 * memory, and thousands of tiny async calls cost several times more CPU than the work itself).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SocketRow } from '../../shared/snapshot';
import { parseProcNetTcp, type ProcSocketRow } from './proc-net-tcp-parse';
import { readSocketOwners, type SocketOwner } from './proc-socket-owners';
import { unusableReason } from './socket-parse-result';
import { errorLine } from '../../shared/error-line';

export type ProcSocketTable =
  | { ok: true; rows: SocketRow[]; from: string; warnings: string[] }
  | { ok: false; from: string; error: string };

/** Reads and parses both tables under `root` (normally /proc); never throws. */
export function readProcSocketTable(root: string, needProcessNames: boolean): ProcSocketTable {
  const from = `${join(root, 'net/tcp')} + ${join(root, 'net/tcp6')}`;
  const texts: [string, string][] = [];
  try {
    texts.push([join(root, 'net/tcp'), readFileSync(join(root, 'net/tcp'), 'utf8')]);
    const v6 = join(root, 'net/tcp6');
    if (existsSync(v6)) texts.push([v6, readFileSync(v6, 'utf8')]); // absent when IPv6 is off
  } catch (error) {
    return { ok: false, from, error: `cannot read ${from}: ${errorLine(error)}` };
  }
  const rows: ProcSocketRow[] = [];
  const warnings: string[] = [];
  for (const [path, text] of texts) {
    const table = parseProcNetTcp(text, path.endsWith('6') ? 'tcp6' : 'tcp4');
    const problem = unusableReason(table, path);
    if (problem) return { ok: false, from, error: problem };
    for (const row of table.rows) rows.push(row);
    warnings.push(...table.warnings);
  }
  if (needProcessNames) {
    const inodes = new Set(rows.map((row) => row.inode).filter((inode) => inode !== 0));
    let owners: Map<number, SocketOwner> | null = null;
    try {
      owners = readSocketOwners(root, inodes);
    } catch {
      warnings.push(`could not scan ${root} for socket owners; process rules cannot match`);
    }
    for (const row of rows) {
      const owner = owners?.get(row.inode);
      if (owner) Object.assign(row, owner);
    }
  }
  return { ok: true, rows, from, warnings };
}
