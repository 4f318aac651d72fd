import { describe, expect, it } from 'vitest';
import { promtool } from '../../../test/support/prometheus';
import type { DoctorResult } from '../../shared/doctor';
import { doctorMetricsText } from './doctor-metrics';

const result = {
  at: '2026-12-04T17:00:00.000Z',
  pathOk: { direct_5223: false, direct_443: true, proxy_5223: false, proxy_443: true },
  intercepted: false,
} as DoctorResult;

describe('doctor --textfile metrics', () => {
  it('has one series per path and one for interception, no host, address or issuer', async () => {
    const text = await doctorMetricsText(result);
    const samples = text.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(samples).toEqual([
      'apsd_push_path_ok{path="direct_5223"} 0',
      'apsd_push_path_ok{path="direct_443"} 1',
      'apsd_push_path_ok{path="proxy_5223"} 0',
      'apsd_push_path_ok{path="proxy_443"} 1',
      'apsd_push_path_intercepted 0',
      'apsd_push_path_check_timestamp_seconds 1796403600',
    ]);
  });

  it('passes promtool check metrics', async () => {
    const checked = await promtool(['check', 'metrics'], {
      stdin: await doctorMetricsText(result),
    });
    expect(checked.out).toBe('');
    expect(checked.code).toBe(0);
  });
});
