import { describe, expect, it } from 'vitest';
import {
  APSD_RULES,
  DEFAULT_SETTINGS,
  applySettingsPatch,
  checkSettingsPatch,
  describeIssue,
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

describe('settings limits, at each edge', () => {
  const ok = (patch: unknown) => checkSettingsPatch(DEFAULT_SETTINGS, patch).ok;
  const names = (n: number, length = 4) =>
    Array.from({ length: n }, (_, i) => `p${i}`.padEnd(length, 'x'));

  it('accepts every limit and refuses one past it', () => {
    const edges: [unknown, unknown][] = [
      [{ intervalSeconds: 1 }, { intervalSeconds: 0 }],
      [{ intervalSeconds: 300 }, { intervalSeconds: 301 }],
      [{ spike: { minCount: 1 } }, { spike: { minCount: 0 } }],
      [{ spike: { minCount: 100_000 } }, { spike: { minCount: 100_001 } }],
      [{ rules: { peerPorts: [1, 65535] } }, { rules: { peerPorts: [65536] } }],
      [
        { rules: { peerPorts: names(16).map((_, i) => i + 1) } },
        { rules: { peerPorts: names(17).map((_, i) => i + 1) } },
      ],
      [{ rules: { processes: names(16) } }, { rules: { processes: names(17) } }],
      [{ rules: { processes: names(1, 64) } }, { rules: { processes: names(1, 65) } }],
      [
        { rules: { peerCidrs: names(64).map((_, i) => `10.${i}.0.0/16`) } },
        { rules: { peerCidrs: names(65).map((_, i) => `10.${i}.0.0/16`) } },
      ],
      [
        { rules: { peerCidrs: ['0.0.0.0/0', '::/0', '::1/128', '17.1.2.3'] } },
        { rules: { peerCidrs: ['::/129'] } },
      ],
      [{ metrics: { port: 1024 } }, { metrics: { port: 1023 } }],
      [{ metrics: { port: 65535 } }, { metrics: { port: 65536 } }],
    ];
    for (const [inside, outside] of edges) {
      expect(ok(inside), JSON.stringify(inside)).toBe(true);
      expect(ok(outside), JSON.stringify(outside)).toBe(false);
    }
  });

  it('checks the watched-something rule on the merged settings, naming the field', () => {
    // Peers alone are enough; nothing at all is not.
    expect(ok({ rules: { processes: [] } })).toBe(true);
    const none = checkSettingsPatch(DEFAULT_SETTINGS, { rules: { processes: [], peerCidrs: [] } });
    expect(!none.ok && none.issues.map(describeIssue)).toEqual([
      'rules.processes: Give a process name, or ports together with address ranges: nothing would be watched.',
    ]);
  });
});
