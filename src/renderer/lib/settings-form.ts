/**
 * The settings form's values (strings, as typed) and their validation into Settings, mirroring
 * settingsSchema's limits in words per field; the engine validates again with the schema itself
 * (kept out of the renderer: zod probes `eval`, which the CSP blocks, and doubles the bundle).
 */
import type { Settings, SettingsPatch } from '../../shared/settings';
import { isCidr } from './cidr';

export interface SettingsFormValues {
  intervalSeconds: string;
  spikeMinCount: string;
  spikeSensitivity: Settings['spike']['sensitivity'];
  notifySpike: boolean;
  notifyTrustFailure: boolean;
  trayTitle: Settings['trayTitle'];
  launchAtLogin: boolean;
  /** One per line or comma-separated; names may contain spaces. */
  processes: string;
  peerPorts: string;
  peerCidrs: string;
  metricsEnabled: boolean;
  metricsPort: string;
}
export type SettingsField = keyof SettingsFormValues;
export type FieldErrors = Partial<Record<SettingsField, string>>;

export function toFormValues(settings: Settings): SettingsFormValues {
  return {
    intervalSeconds: String(settings.intervalSeconds),
    spikeMinCount: String(settings.spike.minCount),
    spikeSensitivity: settings.spike.sensitivity,
    notifySpike: settings.notifications.spike,
    notifyTrustFailure: settings.notifications.trustFailure,
    trayTitle: settings.trayTitle,
    launchAtLogin: settings.launchAtLogin,
    processes: settings.rules.processes.join('\n'),
    peerPorts: settings.rules.peerPorts.join(', '),
    peerCidrs: settings.rules.peerCidrs.join('\n'),
    metricsEnabled: settings.metrics.enabled,
    metricsPort: String(settings.metrics.port),
  };
}

function listOf(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/** Validates every field; returns all errors at once so the user fixes them in one pass. */
export function parseSettingsForm(
  values: SettingsFormValues,
): { ok: true; settings: Settings } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const interval = wholeNumber(values.intervalSeconds, 1, 300);
  if (interval === null) errors.intervalSeconds = 'Enter whole seconds from 1 to 300.';
  const minCount = wholeNumber(values.spikeMinCount, 1, 100_000);
  if (minCount === null) errors.spikeMinCount = 'Enter a whole number from 1 to 100,000.';

  const processes = listOf(values.processes, /[\n,]/);
  const longName = processes.find((name) => name.length > 64);
  if (processes.length > 16) errors.processes = 'At most 16 process names.';
  else if (longName) errors.processes = `“${longName.slice(0, 20)}…” is longer than 64 characters.`;

  const portTexts = listOf(values.peerPorts, /[\s,]+/);
  const badPort = portTexts.find((port) => wholeNumber(port, 1, 65535) === null);
  if (badPort !== undefined)
    errors.peerPorts = `“${badPort.slice(0, 20)}” is not a port (1-65535).`;
  else if (portTexts.length > 16) errors.peerPorts = 'At most 16 ports.';

  const cidrs = listOf(values.peerCidrs, /[\s,]+/);
  const badCidr = cidrs.find((cidr) => !isCidr(cidr));
  if (badCidr !== undefined) {
    errors.peerCidrs = `“${badCidr.slice(0, 40)}” is not an address range like 17.0.0.0/8.`;
  } else if (cidrs.length > 64) errors.peerCidrs = 'At most 64 address ranges.';

  if (
    !errors.processes &&
    processes.length === 0 &&
    (portTexts.length === 0 || cidrs.length === 0)
  ) {
    errors.processes =
      'Give a process name, or ports together with address ranges: nothing would be watched.';
  }
  const metricsPort = wholeNumber(values.metricsPort, 1024, 65535);
  if (metricsPort === null) errors.metricsPort = 'Enter a port from 1024 to 65535.';
  if (
    interval === null ||
    minCount === null ||
    metricsPort === null ||
    Object.keys(errors).length > 0
  ) {
    return { ok: false, errors };
  }

  return {
    ok: true,
    settings: {
      intervalSeconds: interval,
      spike: { minCount: minCount, sensitivity: values.spikeSensitivity },
      notifications: { spike: values.notifySpike, trustFailure: values.notifyTrustFailure },
      trayTitle: values.trayTitle,
      launchAtLogin: values.launchAtLogin,
      rules: { processes, peerPorts: portTexts.map(Number), peerCidrs: cidrs },
      metrics: { enabled: values.metricsEnabled, port: metricsPort },
    },
  };
}

/** Only the top-level sections that changed, so an unrelated field is never rewritten. */
export function settingsPatch(current: Settings, next: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) patch[key] = next[key];
  }
  return patch as SettingsPatch;
}
