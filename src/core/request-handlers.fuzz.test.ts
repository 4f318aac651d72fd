/**
 * Malformed arguments to every request handler, as property tests: whatever arrives, dispatch
 * answers with one clean line naming the channel, and the handler behind it is never called.
 * The handlers are the real ones (createRequestHandlers); the engine behind them is the test
 * double, which records every call, so "never reached" is checked rather than assumed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { createRequestHandlers } from './request-handlers';
import { REQUEST_CHANNELS } from '../shared/ipc-contract';
import { parseRequestArgs } from '../shared/request-args';
import { EngineDouble } from '../../test/support/engine-double';

const RUNS_PER_CHANNEL = 1_000;

function handlersOver(engine: EngineDouble) {
  const hostCalls: string[] = [];
  const handlers = createRequestHandlers(engine, {
    setLaunchAtLogin: () => void hostCalls.push('setLaunchAtLogin'),
    openExternal: async () => void hostCalls.push('openExternal'),
    settingsChanged: () => void hostCalls.push('settingsChanged'),
  });
  return { handlers, hostCalls };
}

/** A clean rejection: one line, short, naming the channel, no stack frames or object dumps. */
function expectCleanLine(error: string, channel: string): void {
  expect(error.split('\n')).toHaveLength(1);
  expect(error.length).toBeLessThanOrEqual(300);
  expect(error.startsWith(`${channel}: `)).toBe(true);
  expect(error).not.toMatch(/\bat .+:\d+:\d+|\[object Object\]/);
}

/** Anything a hostile page could put in `args`: non-arrays, wrong arity, wrong types, deep junk. */
const rawArgs = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true }),
  fc.array(fc.anything({ maxDepth: 3 }), { maxLength: 4 }),
  fc.tuple(fc.object({ maxDepth: 2 })),
  fc.tuple(fc.string({ maxLength: 300 })),
  fc.tuple(fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null))),
);

describe('every request handler refuses malformed arguments cleanly', () => {
  for (const channel of REQUEST_CHANNELS) {
    it(`${channel}: ${RUNS_PER_CHANNEL} malformed argument lists`, async () => {
      const engine = new EngineDouble();
      const { handlers, hostCalls } = handlersOver(engine);
      let tried = 0;
      await fc.assert(
        fc.asyncProperty(
          rawArgs.filter((args) => !parseRequestArgs(channel, args).ok),
          async (args) => {
            tried += 1;
            const reply = await dispatch(handlers, channel, args);
            expect(reply.ok).toBe(false);
            if (reply.ok) return;
            expect(reply.refusal).toBe('invalid-arguments');
            expectCleanLine(reply.error, channel);
          },
        ),
        { numRuns: RUNS_PER_CHANNEL },
      );
      expect(tried).toBe(RUNS_PER_CHANNEL);
      // Refused before any handler ran: the engine and the host saw nothing.
      expect(engine.calls).toEqual([]);
      expect(hostCalls).toEqual([]);
    });
  }

  it('refuses 1,000 unknown channel names, of any type, without reaching a handler', async () => {
    const engine = new EngineDouble();
    const { handlers, hostCalls } = handlersOver(engine);
    await fc.assert(
      fc.asyncProperty(
        fc
          .oneof(fc.string({ maxLength: 200 }), fc.anything({ maxDepth: 2 }))
          .filter((name) => !(REQUEST_CHANNELS as readonly unknown[]).includes(name)),
        rawArgs,
        async (channel, args) => {
          const reply = await dispatch(handlers, channel, args);
          expect(reply).toMatchObject({ ok: false, refusal: 'unknown-channel' });
          if (reply.ok) return;
          expect(reply.error.split('\n')).toHaveLength(1);
          expect(reply.error.length).toBeLessThanOrEqual(64 + ': unknown channel'.length);
        },
      ),
      { numRuns: 1_000 },
    );
    expect(engine.calls).toEqual([]);
    expect(hostCalls).toEqual([]);
  });
});
