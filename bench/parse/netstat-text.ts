/**
 * Builds large `netstat` tables from the project's real-format fixtures (test/fixtures/netstat):
 * the fixture's header, then its socket rows cycled to the wanted count with each local port
 * rewritten (same width, so the columns stay aligned as netstat prints them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseNetstat } from '../../src/core/sockets/netstat-parse';

export interface NetstatEra {
  /** e.g. `macOS 26 -anv`. */
  label: string;
  file: string;
}

export const NETSTAT_ERAS: readonly NetstatEra[] = [
  { label: 'macOS 10.9 -an', file: 'macos-10.9-an.txt' },
  { label: 'macOS 10.9 -An', file: 'macos-10.9-An.txt' },
  { label: 'macOS 10.12 -anv', file: 'macos-10.12-anv-p-tcp.txt' },
  { label: 'macOS 10.15 -anv', file: 'macos-10.15-anv.txt' },
  { label: 'macOS 13 -anv', file: 'macos-13-anv-p-tcp.txt' },
  { label: 'macOS 15 -anv', file: 'macos-15-anv-p-tcp.txt' },
  { label: 'macOS 26 -anv', file: 'macos-26-anv-p-tcp.txt' },
  { label: 'macOS 26 -anvl', file: 'macos-26-anvl-p-tcp.txt' },
];

/** The era the parsing target is judged on: what a current Mac prints. */
export const MAIN_ERA = 'macOS 26 -anv';

export interface NetstatTable {
  era: string;
  text: string;
  /** Rows the parser must return: every generated line is one socket row. */
  rows: number;
}

/** Header lines (up to the column header) and the lines that each parse as exactly one row. */
export function splitFixture(text: string): { header: string[]; rows: string[] } {
  const lines = text.split('\n');
  const headerEnd = lines.findIndex((line) => /\bProto\s+Recv-Q\s+Send-Q\b/.test(line));
  if (headerEnd < 0) throw new Error('fixture has no netstat column header');
  const header = lines.slice(0, headerEnd + 1);
  const rows = lines.slice(headerEnd + 1).filter((line) => {
    const parsed = parseNetstat([...header, line].join('\n'));
    return parsed.rows.length === 1 && parsed.skippedRows === 0;
  });
  if (rows.length === 0) throw new Error('fixture has no socket rows');
  return { header, rows };
}

/** Rewrites the port at the end of the local address token, keeping its width. */
function withLocalPort(line: string, localIndex: number, serial: number): string {
  const tokens = [...line.matchAll(/\S+/g)];
  const token = tokens[localIndex];
  if (!token || token.index === undefined) return line;
  const match = /\.(\d{4,5})$/.exec(token[0]);
  if (!match) return line;
  const width = match[1]!.length;
  const low = 10 ** (width - 1);
  const port = String(low + (serial % (Math.min(65535, 10 ** width - 1) - low))).padStart(
    width,
    '0',
  );
  const at = token.index + token[0].length - width;
  return line.slice(0, at) + port + line.slice(at + width);
}

export function buildNetstatTable(fixture: string, era: string, rowCount: number): NetstatTable {
  const { header, rows } = splitFixture(fixture);
  const columnHeader = header[header.length - 1]!.trim().split(/\s+/);
  const localIndex = columnHeader.indexOf('Send-Q') + 1;
  const out = [...header];
  for (let i = 0; i < rowCount; i++) out.push(withLocalPort(rows[i % rows.length]!, localIndex, i));
  return { era, text: `${out.join('\n')}\n`, rows: rowCount };
}

export function loadNetstatTables(fixtureDir: string, rowCount: number): NetstatTable[] {
  return NETSTAT_ERAS.map((era) =>
    buildNetstatTable(readFileSync(join(fixtureDir, era.file), 'utf8'), era.label, rowCount),
  );
}
