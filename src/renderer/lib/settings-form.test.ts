import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../shared/settings';
import { parseSettingsForm, settingsPatch, toFormValues } from './settings-form';

const defaults = toFormValues(DEFAULT_SETTINGS);

describe('settings form', () => {
  it('round-trips the defaults', () => {
    expect(parseSettingsForm(defaults)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('reads lists separated by commas or lines, keeping spaces inside process names', () => {
    const result = parseSettingsForm({
      ...defaults,
      processes: 'apsd\nAutodesk Fusion, imagent',
      peerPorts: '5223, 443',
      peerCidrs: '17.0.0.0/8 2620:149:a44::/48',
    });
    expect(result.ok && result.settings.rules).toEqual({
      processes: ['apsd', 'Autodesk Fusion', 'imagent'],
      peerPorts: [5223, 443],
      peerCidrs: ['17.0.0.0/8', '2620:149:a44::/48'],
    });
  });

  it('reports every bad field at once, in words', () => {
    const result = parseSettingsForm({
      ...defaults,
      intervalSeconds: '1.5',
      spikeMinCount: '0',
      peerPorts: '5223, 70000',
      peerCidrs: '17.0.0/8',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        intervalSeconds: 'Expected whole seconds from 1 to 300.',
        spikeMinCount: 'Expected a whole number from 1 to 100,000.',
        peerPorts: '“70000” is not a port (1-65535).',
        peerCidrs: '“17.0.0/8” is not an address range such as 17.0.0.0/8 or 2620:149:a44::/48.',
      },
    });
  });

  it("uses the shared schema's limits: at them it passes, one over it fails", () => {
    const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
    const atLimit = parseSettingsForm({
      ...defaults,
      intervalSeconds: '300',
      spikeMinCount: '100000',
      processes: names(16).join('\n'),
      peerPorts: names(16)
        .map((_, i) => String(i + 1))
        .join(','),
    });
    expect(atLimit.ok).toBe(true);
    expect(atLimit.ok && settingsSchema.safeParse(atLimit.settings).success).toBe(true);
    const overLimit = {
      ...DEFAULT_SETTINGS,
      rules: { ...DEFAULT_SETTINGS.rules, processes: names(17) },
    };
    expect(settingsSchema.safeParse(overLimit).success).toBe(false);
    expect(parseSettingsForm(toFormValues(overLimit)).ok).toBe(false);
    expect(settingsSchema.safeParse({ ...DEFAULT_SETTINGS, intervalSeconds: 0 }).success).toBe(
      false,
    );
    expect(parseSettingsForm({ ...defaults, intervalSeconds: '0' }).ok).toBe(false);
  });

  it('refuses rules that would watch nothing', () => {
    const result = parseSettingsForm({ ...defaults, processes: ' ', peerCidrs: '' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.processes).toMatch(/nothing would be watched/);
  });

  it('patches only the sections that changed', () => {
    const next = { ...DEFAULT_SETTINGS, spike: { ...DEFAULT_SETTINGS.spike, minCount: 5 } };
    expect(settingsPatch(DEFAULT_SETTINGS, next)).toEqual({
      spike: { minCount: 5, sensitivity: 'normal' },
    });
    expect(settingsPatch(DEFAULT_SETTINGS, DEFAULT_SETTINGS)).toEqual({});
  });
});
