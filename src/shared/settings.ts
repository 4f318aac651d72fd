import { z } from 'zod';

/** Which sockets belong to the watched daemon. Defaults watch apsd; tests watch loopback. */
export const watchRulesSchema = z.object({
  /** A socket whose last owner has one of these names is the daemon's. */
  processes: z.array(z.string().min(1).max(64)).max(16),
  /** A socket whose peer port is one of these *and* whose peer is in `peerCidrs` is the daemon's. */
  peerPorts: z.array(z.number().int().min(1).max(65535)).max(16),
  peerCidrs: z.array(z.string().min(2).max(64)).max(64),
});
export type WatchRules = z.infer<typeof watchRulesSchema>;

/** Apple's published push ranges: 17.0.0.0/8 and the IPv6 blocks (docs/sources.md#push-network). */
export const APSD_RULES: WatchRules = {
  processes: ['apsd'],
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

/** Where the app and `serve --metrics` expose `/metrics` on 127.0.0.1 unless told otherwise. */
export const DEFAULT_METRICS_PORT = 9523;

export const settingsSchema = z.object({
  /** 1 s is for demos and tests; the menu-bar default is 10 s. */
  intervalSeconds: z.number().int().min(1).max(300),
  spike: z.object({
    /** Never alert below this many FIN_WAIT_1 sockets, whatever the baseline. */
    minCount: z.number().int().min(1).max(100_000),
    sensitivity: z.enum(['low', 'normal', 'high']),
  }),
  notifications: z.object({
    spike: z.boolean(),
    trustFailure: z.boolean(),
  }),
  trayTitle: z.enum(['when-high', 'always', 'never']),
  launchAtLogin: z.boolean(),
  rules: watchRulesSchema,
  /** Prometheus `/metrics` on 127.0.0.1:port from the app; off unless the user turns it on. */
  metrics: z.object({
    enabled: z.boolean(),
    port: z.number().int().min(1024).max(65535),
  }),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A partial update; nested objects are merged one level deep. */
export const settingsPatchSchema = settingsSchema
  .extend({
    spike: settingsSchema.shape.spike.partial(),
    notifications: settingsSchema.shape.notifications.partial(),
    rules: watchRulesSchema.partial(),
    metrics: settingsSchema.shape.metrics.partial(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  intervalSeconds: 10,
  spike: { minCount: 50, sensitivity: 'normal' },
  notifications: { spike: true, trustFailure: true },
  trayTitle: 'when-high',
  launchAtLogin: false,
  rules: APSD_RULES,
  metrics: { enabled: false, port: DEFAULT_METRICS_PORT },
};

/** Applies a validated patch; throws a one-line ZodError message on invalid input. */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const merged = {
    ...current,
    ...patch,
    spike: { ...current.spike, ...patch.spike },
    notifications: { ...current.notifications, ...patch.notifications },
    rules: { ...current.rules, ...patch.rules },
    metrics: { ...current.metrics, ...patch.metrics },
  };
  return settingsSchema.parse(merged);
}
