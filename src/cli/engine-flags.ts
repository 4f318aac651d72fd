/** The flags every engine-backed command shares, and their translation into EngineOptions. */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { EngineOptions } from '../core/engine-api';
import { AddressError, parseCidr } from '../core/sockets/address';
import { defaultDataDir } from '../core/storage/data-dir';
import { APSD_RULES, type WatchRules } from '../shared/settings';
import { UsageError, type OptionSpec, type ParsedValues } from './command';

/** `--port` is the peer's port (5223 for apsd), as in `analyze-netstat`; `serve` names its own listen port differently. */
export const ruleFlagOptions = {
  process: { type: 'string', multiple: true },
  port: { type: 'string', multiple: true },
  peer: { type: 'string', multiple: true },
} satisfies OptionSpec;

export const engineFlagOptions = {
  ...ruleFlagOptions,
  interval: { type: 'string' },
  'data-dir': { type: 'string' },
  'log-file': { type: 'string' },
} satisfies OptionSpec;

function strings(value: ParsedValues[string]): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function parsePort(text: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535))
    throw new UsageError(`--port ${text}: expected a port number from 1 to 65535`);
  return port;
}

/** Each of --process, --port and --peer replaces its own apsd default; null when none was given. */
export function rulesFromFlags(values: ParsedValues): WatchRules | null {
  const processes = strings(values.process);
  const ports = strings(values.port);
  const peers = strings(values.peer);
  if (processes.length + ports.length + peers.length === 0) return null;
  for (const peer of peers) {
    try {
      parseCidr(peer);
    } catch (error) {
      if (error instanceof AddressError) throw new UsageError(`--peer: ${error.message}`);
      throw error;
    }
  }
  for (const name of processes) {
    if (!name.trim()) throw new UsageError('--process: expected a process name');
  }
  return {
    processes: processes.length ? processes : APSD_RULES.processes,
    peerPorts: ports.length ? ports.map(parsePort) : APSD_RULES.peerPorts,
    peerCidrs: peers.length ? peers : APSD_RULES.peerCidrs,
  };
}

/** Whole seconds between samples, within what the settings allow, so the settings form can show it. */
export function intervalFromFlags(values: ParsedValues): number | undefined {
  const text = values.interval;
  if (typeof text !== 'string') return undefined;
  const seconds = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 1 && seconds <= 300))
    throw new UsageError(`--interval ${text}: expected whole seconds from 1 to 300`);
  return seconds;
}

export function engineOptionsFromFlags(
  values: ParsedValues,
  env: NodeJS.ProcessEnv,
): EngineOptions {
  const dataDir =
    typeof values['data-dir'] === 'string'
      ? resolve(values['data-dir'])
      : defaultDataDir(process.platform, env, homedir());
  const logFile = values['log-file'];
  const rules = rulesFromFlags(values);
  const intervalSeconds = intervalFromFlags(values);
  return {
    dataDir,
    ...(rules ? { rules } : {}),
    ...(intervalSeconds !== undefined ? { intervalSeconds } : {}),
    ...(typeof logFile === 'string'
      ? { logSource: { kind: 'syslog-file', path: resolve(logFile) } }
      : {}),
  };
}
