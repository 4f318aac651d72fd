import { describe, expect, it } from 'vitest';
import { unwrapReply } from './channels';

describe('unwrapReply', () => {
  it('returns the value of a successful reply, including null and undefined', () => {
    expect(unwrapReply('snapshot:get', { ok: true, value: null })).toBeNull();
    expect(unwrapReply('link:open', { ok: true, value: undefined })).toBeUndefined();
    expect(unwrapReply('link:open', { ok: true })).toBeUndefined();
    expect(unwrapReply('report:get', { ok: true, value: '# report' })).toBe('# report');
  });

  it('throws the one-line error of a failed reply', () => {
    expect(() => unwrapReply('probe:run', { ok: false, error: 'probe:run: offline' })).toThrow(
      /^probe:run: offline$/,
    );
  });

  it.each([undefined, null, 'ok', { ok: 'yes' }, { ok: false }, { ok: false, error: 3 }])(
    'refuses the malformed reply %j',
    (reply) => {
      expect(() => unwrapReply('settings:get', reply)).toThrow(
        'settings:get: malformed reply from the main process',
      );
    },
  );
});
