/** The machine a run was measured on, for RESULTS.md: numbers mean little without it. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

export type MachineInfo = ReturnType<typeof machineInfo>;

export const currentLoad = () =>
  loadavg()
    .map((v) => v.toFixed(2))
    .join(', ');

export function machineInfo() {
  let os: string = process.platform;
  try {
    os = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // not Linux: the platform name says enough
  }
  return {
    date: new Date().toISOString(),
    cpuModel: cpus()[0]?.model.trim() || 'unknown CPU',
    cores: cpus().length,
    availableParallelism: availableParallelism(),
    memoryGiB: totalmem() / 1024 ** 3,
    os,
    kernel: release(),
    node: process.version,
    loadAtStart: currentLoad(),
    loadAtEnd: null as string | null,
  };
}
