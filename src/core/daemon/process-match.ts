/** Finding the watched daemon in a process list, and turning its row into DaemonInfo. Pure. */
import type { ProcessRow } from './process-list';

/** Exact name, not a substring: "apsd" must not match "apsd-watch" (this app) or "fake-apsd". */
function isNamed(row: ProcessRow, name: string): boolean {
  return row.name === name;
}

/**
 * The daemon's process: the one seen last time if it is still there (so a second instance does not
 * look like a restart), otherwise the longest-running one; zombies have exited and do not count.
 */
export function pickDaemon(
  rows: readonly ProcessRow[],
  name: string,
  previousPid: number | null,
): ProcessRow | null {
  const live = rows.filter((row) => isNamed(row, name) && !row.state.startsWith('Z'));
  const same = live.find((row) => row.pid === previousPid);
  if (same) return same;
  const startOf = (row: ProcessRow) => row.started?.getTime() ?? Infinity;
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
