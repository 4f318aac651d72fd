import { describe, expect, it } from 'vitest';
import { isPushChannel, isRequestChannel, PUSH_CHANNELS, REQUEST_CHANNELS } from './ipc-contract';
import { requestArgSchemas } from './request-args';

describe('the channel list', () => {
  it('names every request channel once, each with an argument schema', () => {
    expect(new Set(REQUEST_CHANNELS).size).toBe(REQUEST_CHANNELS.length);
    expect([...REQUEST_CHANNELS].sort()).toEqual(Object.keys(requestArgSchemas).sort());
    for (const channel of REQUEST_CHANNELS) expect(isRequestChannel(channel)).toBe(true);
  });

  it('has the two push channels and nothing else', () => {
    expect([...PUSH_CHANNELS].sort()).toEqual(['notification', 'snapshot']);
    for (const channel of PUSH_CHANNELS) expect(isPushChannel(channel)).toBe(true);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(REQUEST_CHANNELS)).toBe(true);
    expect(Object.isFrozen(PUSH_CHANNELS)).toBe(true);
  });

  it.each([
    'engine:stop',
    'snapshot',
    '__proto__',
    'toString',
    'constructor',
    '',
    42,
    null,
    { toString: () => 'snapshot:get' },
  ])('refuses %j', (name) => {
    expect(isRequestChannel(name)).toBe(false);
    if (name !== 'snapshot') expect(isPushChannel(name)).toBe(false);
  });
});
