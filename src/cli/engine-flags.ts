/** The flags every engine-backed command shares, and their translation into EngineOptions. */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { EngineOptions } from '../core/engine-api';
import { defaultDataDir } from '../core/storage/data-dir';
import {
  APSD_RULES,
  DEFAULT_SETTINGS,
  numberFromText,
  settingsSchema,
  watchRulesSchema,
  type SettingsIssue,
  type WatchRules,
} from '../shared/settings';
import { UsageError, type FlagSpecs, type ParsedValues } from './command';

/** What is watched. `--port` is the peer's port (5223 for apsd); `serve` names its listen port apart. */
export const ruleFlags = {
  process: {
    value: 'NAME',
    repeatable: true,
    description: 'Watch the sockets of this process; replaces the default.',
    default: APSD_RULES.processes.join(', '),
  },
  port: {
    value: 'N',
    repeatable: true,
    description:
      'Watch connections whose far end is on this port and in a --peer range; replaces the default.',
    default: APSD_RULES.peerPorts.join(', '),
  },
  peer: {
    value: 'CIDR',
    repeatable: true,
    description: 'A watched peer address range, for --port; replaces the default.',
    default: `Apple's push ranges, ${APSD_RULES.peerCidrs.join(', ')}`,
  },
} satisfies FlagSpecs;

/** What a command that runs the engine also takes: how often, where it keeps data, which log. */
export const engineFlags = {
  ...ruleFlags,
  interval: {
    value: 'SECONDS',
    description: 'Whole seconds between samples, 1 to 300.',
    default: String(DEFAULT_SETTINGS.intervalSeconds),
  },
  'data-dir': {
    value: 'DIR',
    description: 'Where the history and settings are kept.',
    default: `${defaultDataDir('darwin', {}, '~')} on macOS; ${defaultDataDir('linux', {}, '~')} (or under $XDG_DATA_HOME) elsewhere`,
  },
  'log-file': {
    value: 'PATH',
    description:
      "Follow this syslog-format file instead of the system's log (log stream on macOS).",
  },
} satisfies FlagSpecs;

function strings(value: ParsedValues[string]): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** The flag each rule comes from, for naming it in an error. */
const RULE_FLAGS: Record<keyof WatchRules, string> = {
  processes: '--process',
  peerPorts: '--port',
  peerCidrs: '--peer',
};

/** "--peer: “bogus” is not an address range …": the schema's own words, with the flag's name. */
function flagError(flag: string, issue: SettingsIssue): UsageError {
  return new UsageError(`${flag}: ${issue.message}`);
}

/** Each of --process, --port and --peer replaces its own apsd default; null when none was given. */
export function rulesFromFlags(values: ParsedValues): WatchRules | null {
  const processes = strings(values.process);
  const ports = strings(values.port);
  const peers = strings(values.peer);
  if (processes.length + ports.length + peers.length === 0) return null;
  const checked = watchRulesSchema.safeParse({
    processes: processes.length ? processes : APSD_RULES.processes,
    peerPorts: ports.length ? ports.map(numberFromText) : APSD_RULES.peerPorts,
    peerCidrs: peers.length ? peers : APSD_RULES.peerCidrs,
  });
  if (checked.success) return checked.data;
  const issue = checked.error.issues[0] as SettingsIssue;
  const field = issue.path[0] as keyof WatchRules | undefined;
  throw flagError(field ? RULE_FLAGS[field] : '--process/--port/--peer', issue);
}

/** Whole seconds between samples, within what the settings allow, so the settings form can show it. */
function intervalFromFlags(values: ParsedValues): number | undefined {
  const text = values.interval;
  if (typeof text !== 'string') return undefined;
  const checked = settingsSchema.shape.intervalSeconds.safeParse(numberFromText(text));
  if (checked.success) return checked.data;
  throw flagError(`--interval ${text}`, checked.error.issues[0] as SettingsIssue);
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
    // A stand-in for apsctl (the tests' fake-apsctl), or apsctl where a Mac keeps it elsewhere.
    ...(env.APSD_WATCH_APSCTL ? { apsctlBinary: resolve(env.APSD_WATCH_APSCTL) } : {}),
  };
}
