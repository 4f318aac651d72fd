import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS } from '../shared/ipc-contract';
import {
  ALLOWED_PUSH_CHANNELS,
  ALLOWED_REQUEST_CHANNELS,
  isAllowedPushChannel,
  isAllowedRequestChannel,
  unwrapReply,
} from './channels';

describe('preload channel allowlist', () => {
  it('allows exactly the request channels of the shared contract', () => {
    expect([...ALLOWED_REQUEST_CHANNELS].sort()).toEqual([...REQUEST_CHANNELS].sort());
    for (const channel of REQUEST_CHANNELS) expect(isAllowedRequestChannel(channel)).toBe(true);
  });

  it('allows the two push channels and nothing else', () => {
    expect([...ALLOWED_PUSH_CHANNELS].sort()).toEqual(['notification', 'snapshot']);
    expect(isAllowedPushChannel('snapshot')).toBe(true);
    expect(isAllowedPushChannel('notification')).toBe(true);
  });

  it.each([
    'engine:stop',
    'snapshot',
    '__proto__',
    'toString',
    '',
    42,
    null,
    { toString: () => 'snapshot:get' },
  ])('refuses %j', (name) => {
    expect(isAllowedRequestChannel(name)).toBe(false);
    if (name !== 'snapshot') expect(isAllowedPushChannel(name)).toBe(false);
  });
});

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
