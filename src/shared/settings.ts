/**
 * The settings and their one authority: this schema holds every limit and rule, and the store,
 * the engine, the CLI's flags and the popover's form all check through it (the form maps its
 * issues onto fields). It is built on `zod/mini` so the browser bundle stays small.
 */
import * as z from 'zod/mini';
import { MAX_RANGE_LENGTH, parseAddressRange, quoteInput } from './address-range';
import { MAX_PORT } from './port';

/** A whole number within limits, with one message for every way it can be wrong. */
function wholeNumber(min: number, max: number, message: (input: unknown) => string) {
  const error = (issue: { input?: unknown }) => message(issue.input);
  return z.int({ error }).check(z.gte(min, { error }), z.lte(max, { error }));
}

/** An object that refuses keys it does not know, naming them. */
function section<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown setting ${issue.keys.join(', ')}.`
        : 'Expected an object of settings.',
  });
}

/** `1,000` for messages. */
const grouped = (n: number) => n.toLocaleString('en-US');

const MAX_PROCESS_NAME = 64;
const MAX_PROCESSES = 16;
const MAX_PORTS = 16;
const MAX_RANGES = 64;

const processName = z.string({ error: 'A process name must be text.' }).check(
  z.maxLength(MAX_PROCESS_NAME, {
    error: (issue) => `${quoteInput(issue.input)} is longer than ${MAX_PROCESS_NAME} characters.`,
  }),
  // One printable line: it is shown in the popover and quoted into a `log` predicate.
  z.regex(/^(?=.*\S)[^\p{Cc}]*$/u, {
    error: (issue) => `${quoteInput(issue.input)} is not a process name.`,
  }),
);

const peerPort = wholeNumber(
  1,
  MAX_PORT,
  (input) => `${quoteInput(input)} is not a port (1-${MAX_PORT}).`,
);

const addressRange = z.string({ error: 'An address range must be text.' }).check(
  z.maxLength(MAX_RANGE_LENGTH, {
    error: (issue) => `${quoteInput(issue.input)} is not an address range like 17.0.0.0/8.`,
  }),
  z.check((ctx) => {
    const parsed = parseAddressRange(ctx.value);
    if (!parsed.ok)
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `${parsed.problem}.` });
  }),
);

const rulesShape = {
  /** A socket whose last owner has one of these names is the daemon's. */
  processes: z
    .array(processName, { error: 'Process names must be a list.' })
    .check(z.maxLength(MAX_PROCESSES, { error: `At most ${MAX_PROCESSES} process names.` })),
  /** A socket whose peer port is one of these *and* whose peer is in `peerCidrs` is the daemon's. */
  peerPorts: z
    .array(peerPort, { error: 'Ports must be a list.' })
    .check(z.maxLength(MAX_PORTS, { error: `At most ${MAX_PORTS} ports.` })),
  peerCidrs: z
    .array(addressRange, { error: 'Address ranges must be a list.' })
    .check(z.maxLength(MAX_RANGES, { error: `At most ${MAX_RANGES} address ranges.` })),
};

/** Which sockets belong to the watched daemon. Defaults watch apsd; tests watch loopback. */
export const watchRulesSchema = section(rulesShape).check(
  z.refine(
    (rules) =>
      rules.processes.length > 0 || (rules.peerPorts.length > 0 && rules.peerCidrs.length > 0),
    {
      path: ['processes'],
      error:
        'Give a process name, or ports together with address ranges: nothing would be watched.',
    },
  ),
);
export type WatchRules = z.infer<typeof watchRulesSchema>;

/** The daemon watched when nothing else is configured: Apple's push service daemon. */
export const DEFAULT_DAEMON_NAME = 'apsd';

/** Apple's published push ranges: 17.0.0.0/8 and the IPv6 blocks (docs/sources.md#push-network). */
export const APSD_RULES: WatchRules = {
  processes: [DEFAULT_DAEMON_NAME],
  peerPorts: [5223],
  peerCidrs: [
    '17.0.0.0/8',
    '2620:149:a44::/48',
    '2403:300:a42::/48',
    '2403:300:a51::/48',
    '2a01:b740:a42::/48',
  ],
};

/** What the watched peers are, in words: Apple's push service only under Apple's own ranges. */
export function describeWatchedPeers(rules: WatchRules): string {
  const same = (a: readonly unknown[], b: readonly unknown[]) =>
    a.length === b.length && a.every((v, i) => v === b[i]);
  if (same(rules.peerPorts, APSD_RULES.peerPorts) && same(rules.peerCidrs, APSD_RULES.peerCidrs))
    return "Apple's push service";
  if (rules.peerPorts.length === 0 || rules.peerCidrs.length === 0) return 'its peers';
  return `the watched peers (port ${rules.peerPorts.join(', ')} in ${rules.peerCidrs.join(', ')})`;
}

const spikeShape = {
  /** Never alert below this many FIN_WAIT_1 sockets, whatever the baseline. */
  minCount: wholeNumber(1, 100_000, () => `Expected a whole number from 1 to ${grouped(100_000)}.`),
  sensitivity: z.enum(['low', 'normal', 'high'], { error: 'Expected low, normal or high.' }),
};
const flag = z.boolean({ error: 'Expected true or false.' });
const notificationsShape = { spike: flag, trustFailure: flag };

/** Where the app and `serve --metrics` expose `/metrics` on 127.0.0.1 unless told otherwise. */
export const DEFAULT_METRICS_PORT = 9523;

const metricsShape = {
  enabled: flag,
  /** Unprivileged ports only: the app never runs as root. */
  port: wholeNumber(
    1024,
    MAX_PORT,
    () => `Expected a port from ${grouped(1024)} to ${grouped(MAX_PORT)}.`,
  ),
};

const settingsShape = {
  /** 1 s is for demos and tests; the menu-bar default is 10 s. */
  intervalSeconds: wholeNumber(1, 300, () => 'Expected whole seconds from 1 to 300.'),
  spike: section(spikeShape),
  notifications: section(notificationsShape),
  trayTitle: z.enum(['when-high', 'always', 'never'], {
    error: 'Expected when-high, always or never.',
  }),
  launchAtLogin: flag,
  rules: watchRulesSchema,
  /** Prometheus `/metrics` on 127.0.0.1:port from the app; off unless the user turns it on. */
  metrics: section(metricsShape),
};
export const settingsSchema = section(settingsShape);
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update; nested objects are merged one level deep, unknown keys refused. */
export const settingsPatchSchema = z.partial(
  section({
    ...settingsShape,
    spike: z.partial(section(spikeShape)),
    notifications: z.partial(section(notificationsShape)),
    rules: z.partial(section(rulesShape)),
    metrics: z.partial(section(metricsShape)),
  }),
);
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The keys a settings file may hold, for naming the ones it is dropped for. */
export const SETTINGS_KEYS: {
  top: readonly string[];
  nested: Readonly<Record<string, readonly string[]>>;
} = {
  top: Object.keys(settingsShape),
  nested: {
    spike: Object.keys(spikeShape),
    notifications: Object.keys(notificationsShape),
    rules: Object.keys(rulesShape),
    metrics: Object.keys(metricsShape),
  },
};

export const DEFAULT_SETTINGS: Settings = {
  intervalSeconds: 10,
  spike: { minCount: 50, sensitivity: 'normal' },
  notifications: { spike: true, trustFailure: true },
  trayTitle: 'when-high',
  launchAtLogin: false,
  rules: APSD_RULES,
  metrics: { enabled: false, port: DEFAULT_METRICS_PORT },
};

export type SettingsIssue = z.core.$ZodIssue;
export type SettingsCheck =
  { ok: true; settings: Settings } | { ok: false; issues: SettingsIssue[] };

/** Checks a whole Settings value. */
export function checkSettings(value: unknown): SettingsCheck {
  const result = settingsSchema.safeParse(value);
  return result.success
    ? { ok: true, settings: result.data }
    : { ok: false, issues: result.error.issues };
}

/** Checks an update, then the settings it would make (cross-field rules included). */
export function checkSettingsPatch(current: Settings, patch: unknown): SettingsCheck {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  return checkSettings(mergeSettings(current, parsed.data));
}

/** Merges a patch one level deep; the result still needs `checkSettings`. */
function mergeSettings(current: Settings, patch: SettingsPatch): unknown {
  return {
    ...current,
    ...patch,
    spike: { ...current.spike, ...patch.spike },
    notifications: { ...current.notifications, ...patch.notifications },
    rules: { ...current.rules, ...patch.rules },
    metrics: { ...current.metrics, ...patch.metrics },
  };
}

/** "rules.peerCidrs.0: “bogus” is not an address range …", one line, no schema dump. */
export function describeIssue(issue: SettingsIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Form and flag text to a number when it is written as one, else the text (so the schema says why). */
export function numberFromText(text: string): number | string {
  const trimmed = text.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Applies an update or throws a one-line Error naming the first problem. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  const checked = checkSettingsPatch(current, patch);
  if (!checked.ok) throw new Error(describeIssue(checked.issues[0] as SettingsIssue));
  return checked.settings;
}
