/** Finding the watched daemon in a process list, and turning its row into DaemonInfo. Pure. */
import type { Systeminformation } from 'systeminformation';

export type ProcessRow = Pick<
  Systeminformation.ProcessesProcessData,
  'pid' | 'name' | 'cpu' | 'memRss' | 'started' | 'state'
>;

/** Exact name, not a substring: "apsd" must not match "apsd-watch" (this app) or "fake-apsd". */
export function isNamed(row: ProcessRow, name: string, platform: NodeJS.Platform): boolean {
  if (platform !== 'win32') return row.name === name;
  const bare = (value: string) => value.toLowerCase().replace(/\.exe$/, '');
  return bare(row.name) === bare(name);
}

/**
 * systeminformation prints a start time as local "YYYY-MM-DD HH:MM:SS" (worked out from ps's
 * elapsed time, so it may wobble by a second); null when it is anything else.
 */
export function parseStarted(started: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(started)) return null;
  const date = new Date(started.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The daemon's process: the one seen last time if it is still there (so a second instance does not
 * look like a restart), otherwise the longest-running one; zombies have exited and do not count.
 */
export function pickDaemon(
  rows: readonly ProcessRow[],
  name: string,
  platform: NodeJS.Platform,
  previousPid: number | null,
): ProcessRow | null {
  const live = rows.filter((row) => isNamed(row, name, platform) && row.state !== 'zombie');
  const same = live.find((row) => row.pid === previousPid);
  if (same) return same;
  const startOf = (row: ProcessRow) => parseStarted(row.started)?.getTime() ?? Infinity;
  return live.sort((a, b) => startOf(a) - startOf(b) || a.pid - b.pid)[0] ?? null;
}

/** ps reports resident memory in KiB; CPU is a percent of one core, kept to one decimal. */
export function usageOf(row: ProcessRow): {
  cpuPercent: number | null;
  memoryBytes: number | null;
} {
  return {
    cpuPercent: Number.isFinite(row.cpu) ? Math.round(row.cpu * 10) / 10 : null,
    memoryBytes: Number.isFinite(row.memRss) && row.memRss > 0 ? row.memRss * 1024 : null,
  };
}
