import { describe, expect, it } from 'vitest';
import { APSD_RULES } from '../../shared/settings';
import { samplerOptionsFor } from './sampler-options';

describe('samplerOptionsFor', () => {
  it('looks up socket owners only while a watched process may be running', () => {
    expect(samplerOptionsFor(APSD_RULES, true, 'linux').needProcessNames).toBe(true);
    expect(samplerOptionsFor(APSD_RULES, false, 'linux').needProcessNames).toBe(false);
    expect(
      samplerOptionsFor({ ...APSD_RULES, processes: [] }, true, 'linux').needProcessNames,
    ).toBe(false);
    // With two names, one daemon check cannot rule both out.
    expect(
      samplerOptionsFor({ ...APSD_RULES, processes: ['apsd', 'pushd'] }, false, 'linux')
        .needProcessNames,
    ).toBe(true);
  });

  it('always narrows the table to the watched peer ports', () => {
    expect(samplerOptionsFor(APSD_RULES, false, 'darwin')).toEqual({
      platform: 'darwin',
      needProcessNames: false,
      peerPorts: [5223],
    });
  });
});
