/**
 * CPU time of one awaited call in this process, including the child processes it waited for:
 * process.cpuUsage() (every thread, microseconds) plus the reaped children's time, which Linux
 * shows only in /proc/self/stat, in 10 ms clock ticks. Whole tools are measured exactly with
 * wait4() instead (measured-run.ts).
 */
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc/<pid>/stat times on every Linux architecture Node supports. */
const MS_PER_TICK = 10;

function childrenMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * MS_PER_TICK;
  } catch {
    return 0; // no /proc (macOS): children are not counted
  }
}

function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000 + childrenMs();
}

export interface CallCost {
  wallMs: number;
  cpuMs: number;
}

export async function measureCall<T>(
  call: () => Promise<T>,
): Promise<{ cost: CallCost; value: T }> {
  const [cpu, wall] = [cpuNow(), performance.now()];
  const value = await call();
  return { value, cost: { wallMs: performance.now() - wall, cpuMs: cpuNow() - cpu } };
}
