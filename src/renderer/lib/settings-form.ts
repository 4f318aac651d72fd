/**
 * The settings form's values (strings, as typed) and their check into Settings through the shared
 * schema, the same one the engine applies again when the update arrives.
 */
import {
  checkSettings,
  numberFromText,
  type Settings,
  type SettingsPatch,
} from '../../shared/settings';

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
type SettingsField = keyof SettingsFormValues;
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

/** Which field shows an issue at each schema path (`rules.peerCidrs.3` shows under peerCidrs). */
const FIELD_AT_PATH: Record<string, SettingsField> = {
  intervalSeconds: 'intervalSeconds',
  'spike.minCount': 'spikeMinCount',
  'spike.sensitivity': 'spikeSensitivity',
  'notifications.spike': 'notifySpike',
  'notifications.trustFailure': 'notifyTrustFailure',
  trayTitle: 'trayTitle',
  launchAtLogin: 'launchAtLogin',
  'rules.processes': 'processes',
  'rules.peerPorts': 'peerPorts',
  'rules.peerCidrs': 'peerCidrs',
  'metrics.enabled': 'metricsEnabled',
  'metrics.port': 'metricsPort',
};

function fieldOf(path: readonly PropertyKey[]): SettingsField | undefined {
  const named = path.filter((part): part is string => typeof part === 'string');
  for (let length = named.length; length > 0; length--) {
    const field = FIELD_AT_PATH[named.slice(0, length).join('.')];
    if (field) return field;
  }
  return undefined;
}

/**
 * Reads the typed values and checks them with the shared schema, whose issues land under their
 * fields (the first per field); every limit and its wording live in the schema alone.
 */
export function parseSettingsForm(
  values: SettingsFormValues,
): { ok: true; settings: Settings } | { ok: false; errors: FieldErrors } {
  const checked = checkSettings({
    intervalSeconds: numberFromText(values.intervalSeconds),
    spike: { minCount: numberFromText(values.spikeMinCount), sensitivity: values.spikeSensitivity },
    notifications: { spike: values.notifySpike, trustFailure: values.notifyTrustFailure },
    trayTitle: values.trayTitle,
    launchAtLogin: values.launchAtLogin,
    rules: {
      processes: listOf(values.processes, /[\n,]/),
      peerPorts: listOf(values.peerPorts, /[\s,]+/).map(numberFromText),
      peerCidrs: listOf(values.peerCidrs, /[\s,]+/),
    },
    metrics: { enabled: values.metricsEnabled, port: numberFromText(values.metricsPort) },
  });
  if (checked.ok) return checked;
  const errors: FieldErrors = {};
  for (const issue of checked.issues) {
    // Every issue has a path here (the form builds the whole object); the fallback is for safety.
    const field = fieldOf(issue.path) ?? 'intervalSeconds';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Only the top-level sections that changed, so an unrelated field is never rewritten. */
export function settingsPatch(current: Settings, next: Settings): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) patch[key] = next[key];
  }
  return patch as SettingsPatch;
}
