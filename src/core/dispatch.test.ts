import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, type RequestHandlers } from '../shared/ipc-contract';
import { channelError, dispatch } from './dispatch';

/** Every channel answers with its own name, so a test sees which handler ran. */
const handlers = Object.fromEntries(
  REQUEST_CHANNELS.map((channel) => [
    channel,
    (...args: unknown[]) => {
      if (args[0] === 'throw') throw new Error(`${channel}: disk full\n    at stack`);
      return { channel, args };
    },
  ]),
) as unknown as RequestHandlers;

describe('dispatch', () => {
  it('calls the channel handler with the validated arguments', async () => {
    expect(await dispatch(handlers, 'history:get', ['7d'])).toEqual({
      ok: true,
      value: { channel: 'history:get', args: ['7d'] },
    });
  });

  it.each([['engine:stop'], ['constructor'], ['__proto__'], [42], [null]])(
    'refuses the unknown channel %j before any handler',
    async (channel) => {
      const reply = await dispatch(handlers, channel, []);
      expect(reply).toMatchObject({ ok: false, refusal: 'unknown-channel' });
      if (!reply.ok) expect(reply.error).toMatch(/: unknown channel$/);
    },
  );

  it('refuses arguments the schema does not accept, arrays or not', async () => {
    for (const args of [['2h'], 'not an array', { 0: '24h' }, undefined])
      expect(await dispatch(handlers, 'history:get', args)).toMatchObject({
        ok: false,
        refusal: 'invalid-arguments',
        error: expect.stringMatching(/^history:get: invalid argument/),
      });
  });

  it('turns a handler failure into one line that names the channel once', async () => {
    expect(await dispatch(handlers, 'link:open', ['throw'])).toEqual({
      ok: false,
      error: 'link:open: disk full',
      refusal: 'failed',
    });
  });
});

describe('channelError', () => {
  it('keeps the first line, prefixes the channel once, and bounds the length', () => {
    expect(channelError('report:get', new Error('report:get: disk full\nstack'))).toBe(
      'report:get: disk full',
    );
    expect(channelError('report:get', 'plain string')).toBe('report:get: plain string');
    expect(channelError('report:get', new Error(''))).toBe('report:get: unexpected error');
    expect(channelError('x', new Error('y'.repeat(1000))).length).toBeLessThanOrEqual(303);
  });
});
