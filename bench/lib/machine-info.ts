/** The machine a run was measured on, for RESULTS.md: numbers mean little without it. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  availableParallelism: number;
  memoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  loadAtStart: string;
  loadAtEnd: string | null;
}

function osName(): string {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
    if (pretty) return pretty;
  } catch {
    // not Linux, or no os-release: fall back to the platform name
  }
  return process.platform;
}

export function currentLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    date: new Date().toISOString(),
    cpuModel: list[0]?.model.trim() || 'unknown CPU',
    cores: list.length,
    availableParallelism: availableParallelism(),
    memoryGiB: totalmem() / 1024 ** 3,
    os: osName(),
    kernel: release(),
    node: process.version,
    loadAtStart: currentLoad(),
    loadAtEnd: null,
  };
}
