import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../shared/settings';
import { makeSnapshot } from '../../test/support/snapshot-fixture';
import { INDEX_URL } from './bundle-files';
import type { RequestHandlers } from '../shared/ipc-contract';
import { createDispatcher, isOurIndexUrl, type SenderFacts } from './ipc-dispatch';

const INDEX = INDEX_URL;
const trusted: SenderFacts = { fromOurWindow: true, frameUrl: INDEX, isMainFrame: true };

/** Handlers that record what reached them, so a test can tell a refused call from a served one. */
function recordingHandlers() {
  const calls: [string, unknown[]][] = [];
  const record =
    <T>(channel: string, result: T) =>
    (...args: unknown[]) => {
      calls.push([channel, args]);
      return result;
    };
  const handlers: RequestHandlers = {
    'snapshot:get': record('snapshot:get', makeSnapshot()),
    'connections:page': record('connections:page', {
      takenAt: null,
      total: 0,
      offset: 0,
      items: [],
    }),
    'history:get': (range) => {
      calls.push(['history:get', [range]]);
      return { range, points: [], markers: [] };
    },
    'settings:get': record('settings:get', DEFAULT_SETTINGS),
    'settings:set': record('settings:set', DEFAULT_SETTINGS),
    'probe:run': () => {
      throw new Error('probe: connect ECONNREFUSED 17.57.146.20:5223\n    at TCPConnectWrap');
    },
    'report:get': record('report:get', '# report'),
    'link:open': record('link:open', undefined),
    'host:notices': record('host:notices', []),
  };
  return { calls, dispatch: createDispatcher(handlers, INDEX) };
}

describe('isOurIndexUrl', () => {
  it('accepts the index page with or without a fragment', () => {
    expect(isOurIndexUrl(INDEX, INDEX)).toBe(true);
    expect(isOurIndexUrl(`${INDEX}#settings`, INDEX)).toBe(true);
  });

  it('refuses other pages, hosts, schemes, queries and garbage', () => {
    expect(isOurIndexUrl('apsd-watch://bundle/other.html', INDEX)).toBe(false);
    expect(isOurIndexUrl('apsd-watch://evil/index.html', INDEX)).toBe(false);
    expect(isOurIndexUrl(`${INDEX}?x=1`, INDEX)).toBe(false);
    expect(isOurIndexUrl('file:///index.html', INDEX)).toBe(false);
    expect(isOurIndexUrl('https://bundle/index.html', INDEX)).toBe(false);
    expect(isOurIndexUrl('about:blank', INDEX)).toBe(false);
    expect(isOurIndexUrl('not a url', INDEX)).toBe(false);
    expect(isOurIndexUrl(null, INDEX)).toBe(false);
  });
});

describe('dispatcher', () => {
  it('serves a trusted request with validated arguments', async () => {
    const { calls, dispatch } = recordingHandlers();
    const reply = await dispatch('history:get', trusted, ['24h']);
    expect(reply).toEqual({ ok: true, value: { range: '24h', points: [], markers: [] } });
    expect(calls).toEqual([['history:get', ['24h']]]);
  });

  it('passes a validated settings patch through to its handler', async () => {
    const { calls, dispatch } = recordingHandlers();
    const patch = { trayTitle: 'always', notifications: { spike: false } };
    expect((await dispatch('settings:set', trusted, [patch])).ok).toBe(true);
    expect(calls).toEqual([['settings:set', [patch]]]);
  });

  it.each<[string, SenderFacts]>([
    ['a window that is not ours', { ...trusted, fromOurWindow: false }],
    ['an iframe', { ...trusted, isMainFrame: false }],
    ['a page that navigated elsewhere', { ...trusted, frameUrl: 'https://example.com/' }],
    ['a frame that is gone', { ...trusted, frameUrl: null }],
  ])('refuses %s before looking at the request', async (_label, sender) => {
    const { calls, dispatch } = recordingHandlers();
    const reply = await dispatch('settings:get', sender, []);
    expect(reply).toEqual({
      ok: false,
      error: "settings:get: refused, the request did not come from apsd-watch's window",
      refusal: 'untrusted-sender',
    });
    expect(calls).toEqual([]);
  });

  it.each<[string, unknown[], string]>([
    ['history:get', ['2h'], 'history:get: invalid argument at 0'],
    ['history:get', ['24h', 'extra'], 'history:get: invalid argument'],
    [
      'settings:set',
      [{ intervalSeconds: 0 }],
      'settings:set: invalid argument at 0.intervalSeconds',
    ],
    ['settings:set', [{ unknownKey: true }], 'settings:set: invalid argument at 0'],
    ['probe:run', [{ host: 'a b; rm -rf /' }], 'probe:run: invalid argument at 0.host'],
    ['report:get', [], 'report:get: invalid argument'],
    ['link:open', ['x'.repeat(3000)], 'link:open: invalid argument at 0'],
  ])('refuses bad arguments for %s %j', async (channel, args, error) => {
    const { calls, dispatch } = recordingHandlers();
    const reply = await dispatch(channel, trusted, args);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.startsWith(error)).toBe(true);
      expect(reply.error).not.toContain('\n');
    }
    expect(calls).toEqual([]);
  });

  it('refuses an unknown channel, also one named like an Object property', async () => {
    const { calls, dispatch } = recordingHandlers();
    expect(await dispatch('engine:stop', trusted, [])).toEqual({
      ok: false,
      error: 'engine:stop: unknown channel',
      refusal: 'unknown-channel',
    });
    expect((await dispatch('constructor', trusted, [])).ok).toBe(false);
    expect(calls).toEqual([]);
  });

  it('returns a handler failure as one line, without the stack', async () => {
    const { dispatch } = recordingHandlers();
    expect(await dispatch('probe:run', trusted, [{}])).toEqual({
      ok: false,
      error: 'probe:run: probe: connect ECONNREFUSED 17.57.146.20:5223',
      refusal: 'failed',
    });
  });
});
