/**
 * A running process's CPU time and memory as Linux reports them: every thread's run time in
 * nanoseconds (/proc/<pid>/task/<tid>/schedstat, exact) plus its reaped children (/proc/<pid>/stat
 * cutime + cstime, in clock ticks), and its peak resident set (VmHWM).
 */
import { readFileSync, readdirSync } from 'node:fs';

const NS_PER_TICK = 1e9 / 100; // USER_HZ

export interface ProcessUsage {
  /** All threads plus reaped children. */
  cpuMs: number;
  /** The reaped children's part of `cpuMs` (10 ms resolution). */
  childrenMs: number;
  /** Peak resident set size so far, in MiB. */
  peakRssMiB: number;
}

function threadsCpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return total;
}

function childrenCpuNs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * NS_PER_TICK;
}

/** Throws (ENOENT) once the process has exited. */
export function readProcessUsage(pid: number): ProcessUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const peakKb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  const children = childrenCpuNs(pid);
  return {
    cpuMs: (threadsCpuNs(pid) + children) / 1e6,
    childrenMs: children / 1e6,
    peakRssMiB: peakKb / 1024,
  };
}
