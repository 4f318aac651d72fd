/**
 * CPU time of work done inside this process, including the child processes it waited for: the
 * process's own user+system time (microseconds, every thread) plus its reaped children's, which
 * Linux exposes only in /proc/self/stat in clock ticks. Tool-only sides are measured with exact
 * wait4() numbers instead (rusage-run.py); see bench/RESULTS.md for how the two meet.
 */
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc/<pid>/stat times on every Linux architecture Node supports. */
const TICKS_PER_SECOND = 100;

export interface CpuReading {
  /** This process, all threads (libuv's pool included), in ms. */
  selfMs: number;
  /** Waited-for children in ms, 10 ms resolution; 0 where /proc is missing. */
  childrenMs: number;
  wallMs: number;
}

function childrenMs(): number {
  let stat: string;
  try {
    stat = readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return 0;
  }
  // Fields after the parenthesised command name; cutime and cstime are fields 16 and 17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
}

export function readCpu(): CpuReading {
  const usage = process.cpuUsage();
  return {
    selfMs: (usage.user + usage.system) / 1000,
    childrenMs: childrenMs(),
    wallMs: performance.now(),
  };
}

export interface CallCost {
  wallMs: number;
  cpuMs: number;
  selfMs: number;
  childrenMs: number;
}

/** The cost of one awaited call, measured from just before to just after it. */
export async function measureCall<T>(
  call: () => Promise<T>,
): Promise<{ cost: CallCost; value: T }> {
  const before = readCpu();
  const value = await call();
  const after = readCpu();
  const selfMs = after.selfMs - before.selfMs;
  const children = after.childrenMs - before.childrenMs;
  return {
    value,
    cost: {
      wallMs: after.wallMs - before.wallMs,
      cpuMs: selfMs + children,
      selfMs,
      childrenMs: children,
    },
  };
}
