/**
 * The Electron IPC gate under random senders and arguments (fast-check): only the app's own
 * window, top frame, on its bundled page, ever reaches a handler, and everything refused is one
 * line. The handlers are the real ones (createRequestHandlers) over the engine test double.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRequestHandlers } from '../core/request-handlers';
import { REQUEST_CHANNELS } from '../shared/ipc-contract';
import { EngineDouble } from '../../test/support/engine-double';
import { INDEX_URL } from './bundle-files';
import { createDispatcher, type SenderFacts } from './ipc-dispatch';

/** The only frame URLs that are the app's page: written out, not computed like the gate does. */
const OUR_PAGE = ['apsd-watch://bundle/index.html', 'apsd-watch://bundle/index.html#/settings'];
const LOOKALIKES = [
  'apsd-watch://bundle/index.html?x=1',
  'apsd-watch://bundle/other.html',
  'apsd-watch://bundle.evil/index.html',
  'apsd-watch://evil/index.html',
  'apsd-watch://bundle@evil/index.html',
  'apsd-watch://bundle/index.html/..',
  'apsd-watch:bundle/index.html',
  'file:///index.html',
  'https://bundle/index.html',
  'http://127.0.0.1:9000/',
  'devtools://devtools/bundled/index.html',
  'about:blank',
  'data:text/html,<script>1</script>',
  'javascript:alert(1)',
  '',
];

function gate() {
  const engine = new EngineDouble();
  const hostCalls: string[] = [];
  const handlers = createRequestHandlers(engine, {
    setLaunchAtLogin: () => void hostCalls.push('setLaunchAtLogin'),
    openExternal: async () => void hostCalls.push('openExternal'),
    settingsChanged: () => void hostCalls.push('settingsChanged'),
  });
  return { engine, hostCalls, dispatch: createDispatcher(handlers, INDEX_URL) };
}

const sender = fc.record({
  fromOurWindow: fc.boolean(),
  isMainFrame: fc.boolean(),
  frameUrl: fc.oneof(
    fc.constantFrom(...OUR_PAGE, ...LOOKALIKES),
    fc.webUrl(),
    fc.string({ maxLength: 80 }),
    fc.constant(null),
  ),
});

describe('IPC gate: random senders', () => {
  it('refuses every sender that is not our window, top frame, on our page (3,000 cases)', async () => {
    const { engine, hostCalls, dispatch } = gate();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        sender,
        fc.constantFrom(...REQUEST_CHANNELS),
        async (facts: SenderFacts, channel) => {
          const ours =
            facts.fromOurWindow && facts.isMainFrame && OUR_PAGE.includes(facts.frameUrl ?? '');
          // Arguments every channel accepts or refuses alike do not matter here: the gate comes first.
          const reply = await dispatch(channel, facts, []);
          if (ours) {
            expect(reply).not.toMatchObject({ refusal: 'untrusted-sender' });
          } else {
            refused += 1;
            expect(reply).toMatchObject({ ok: false, refusal: 'untrusted-sender' });
            if (!reply.ok) expect(reply.error.split('\n')).toHaveLength(1);
          }
        },
      ),
      { numRuns: 3_000 },
    );
    expect(refused).toBeGreaterThan(2_000);
    // Refused requests reached nothing; the trusted ones with [] reach only argument-free handlers.
    expect(hostCalls).toEqual([]);
    expect(engine.calls.every((call) => call === 'latest' || call.startsWith('settings'))).toBe(
      true,
    );
  });

  it('from our own page, refuses malformed arguments to every channel in one line (2,000 cases)', async () => {
    const { dispatch } = gate();
    const trusted: SenderFacts = { fromOurWindow: true, isMainFrame: true, frameUrl: INDEX_URL };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...REQUEST_CHANNELS),
        fc.oneof(
          fc.anything({ maxDepth: 2 }),
          fc.tuple(fc.anything({ maxDepth: 2 }), fc.anything()),
        ),
        async (channel, args) => {
          const reply = await dispatch(channel, trusted, args as unknown[]);
          if (reply.ok) return; // e.g. [] for a channel that takes nothing
          expect(reply.error.split('\n')).toHaveLength(1);
          expect(reply.error.startsWith(`${channel}: `)).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
