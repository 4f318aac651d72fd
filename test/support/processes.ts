/** Process checks for tests that start real processes and must show none is left behind. */
import { execFileSync } from 'node:child_process';

/** True while the process exists (signal 0 only asks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True while any process of the group exists. */
export function groupAlive(pgid: number): boolean {
  return isAlive(-pgid);
}

/** Direct children of a process, from `pgrep -P` (none: pgrep exits 1). */
export function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number);
  } catch {
    return [];
  }
}
