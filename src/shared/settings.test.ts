import { describe, expect, it } from 'vitest';
import {
  APSD_RULES,
  DEFAULT_SETTINGS,
  applySettingsPatch,
  describeWatchedPeers,
  settingsPatchSchema,
} from './settings';

describe('describeWatchedPeers', () => {
  it("calls the peers Apple's push service only under Apple's own rules", () => {
    expect(describeWatchedPeers(APSD_RULES)).toBe("Apple's push service");
    expect(
      describeWatchedPeers({ processes: [], peerPorts: [40123], peerCidrs: ['127.0.0.0/8'] }),
    ).toBe('the watched peers (port 40123 in 127.0.0.0/8)');
    expect(describeWatchedPeers({ ...APSD_RULES, peerCidrs: ['17.0.0.0/8'] })).not.toContain(
      'Apple',
    );
  });
});

describe('settings schema', () => {
  it('merges a nested patch one level deep and validates the result', () => {
    const next = applySettingsPatch(DEFAULT_SETTINGS, { spike: { minCount: 7 } });
    expect(next.spike).toEqual({ minCount: 7, sensitivity: DEFAULT_SETTINGS.spike.sensitivity });
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { intervalSeconds: 0 })).toThrow();
  });

  it('refuses unknown keys and wrong types in a patch', () => {
    expect(settingsPatchSchema.safeParse({ evil: true }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ trayTitle: 'sometimes' }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ rules: { peerPorts: [70000] } }).success).toBe(false);
    expect(settingsPatchSchema.safeParse({ notifications: { spike: false } }).success).toBe(true);
  });

  it('keeps /metrics off by default and merges a metrics patch with the port', () => {
    expect(DEFAULT_SETTINGS.metrics).toEqual({ enabled: false, port: 9523 });
    const on = applySettingsPatch(DEFAULT_SETTINGS, { metrics: { enabled: true } });
    expect(on.metrics).toEqual({ enabled: true, port: 9523 });
    expect(() => applySettingsPatch(DEFAULT_SETTINGS, { metrics: { port: 80 } })).toThrow();
  });
});
