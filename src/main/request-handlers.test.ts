import { describe, expect, it } from 'vitest';
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { createDispatcher, type SenderFacts } from './ipc-dispatch';
import {
  createRequestHandlers,
  type EngineForRequests,
  type HostActions,
} from './request-handlers';
import { snapshotForTests } from './snapshot-for-tests';

const INDEX = 'apsd-watch://bundle/index.html';
const trusted: SenderFacts = { fromOurWindow: true, frameUrl: INDEX, isMainFrame: true };

/**
 * Test double for the engine's request-facing methods (the Electron shell cannot run here): it
 * keeps settings in memory with the shared validation, fails probes like an offline Mac, and can
 * fail to store settings like a read-only disk.
 */
function engineDouble(readOnlyDisk = false): EngineForRequests {
  let settings: Settings = DEFAULT_SETTINGS;
  return {
    latest: () => snapshotForTests({ finWait1: 412 }),
    history: (range) => ({ range, points: [], markers: [] }),
    settings: () => settings,
    updateSettings: async (patch) => {
      const next = applySettingsPatch(settings, patch);
      if (readOnlyDisk) throw new Error('EROFS: read-only file system, open settings.json.tmp');
      return (settings = next);
    },
    probe: async () => {
      throw new Error('1-courier.push.apple.com:5223: getaddrinfo ENOTFOUND');
    },
    report: async (request) => `report as ${request.format}`,
  };
}

function hostRecorder() {
  const effects: string[] = [];
  const host: HostActions = {
    setLaunchAtLogin: (enabled) => void effects.push(`login:${enabled}`),
    openExternal: async (url) => void effects.push(`open:${url}`),
    settingsChanged: (s) => void effects.push(`changed:${s.trayTitle}`),
  };
  return { effects, host };
}

function setup(readOnlyDisk = false) {
  const { effects, host } = hostRecorder();
  const dispatch = createDispatcher(createRequestHandlers(engineDouble(readOnlyDisk), host), INDEX);
  return { effects, dispatch };
}

describe('request handlers behind the dispatcher', () => {
  it('answers snapshot, settings, history and report from the engine', async () => {
    const { dispatch } = setup();
    const snap = await dispatch('snapshot:get', trusted, []);
    expect(
      snap.ok &&
        (snap.value as { connections: { finWait1: { count: number } } }).connections.finWait1.count,
    ).toBe(412);
    expect(await dispatch('settings:get', trusted, [])).toEqual({
      ok: true,
      value: DEFAULT_SETTINGS,
    });
    expect(await dispatch('report:get', trusted, [{ format: 'json', keepPrivate: false }])).toEqual(
      {
        ok: true,
        value: 'report as json',
      },
    );
  });

  it('applies launch at login only when the patch changes it, after the engine stored it', async () => {
    const { effects, dispatch } = setup();
    await dispatch('settings:set', trusted, [{ trayTitle: 'always' }]);
    expect(effects).toEqual(['changed:always']);
    const reply = await dispatch('settings:set', trusted, [{ launchAtLogin: true }]);
    expect(reply.ok && (reply.value as Settings).launchAtLogin).toBe(true);
    expect(effects).toEqual(['changed:always', 'login:true', 'changed:always']);
  });

  it('touches nothing on the host when the engine cannot store the settings', async () => {
    const { effects, dispatch } = setup(true);
    expect(await dispatch('settings:set', trusted, [{ launchAtLogin: true }])).toEqual({
      ok: false,
      error: 'settings:set: EROFS: read-only file system, open settings.json.tmp',
    });
    expect(effects).toEqual([]);
  });

  it('opens only allowlisted https links', async () => {
    const { effects, dispatch } = setup();
    const allowed = 'https://support.apple.com/en-us/102266';
    expect(await dispatch('link:open', trusted, [allowed])).toEqual({ ok: true, value: undefined });
    for (const url of [
      'http://support.apple.com/en-us/102266',
      'https://support.apple.com.evil.example/',
      'https://user:pw@support.apple.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      const reply = await dispatch('link:open', trusted, [url]);
      expect(reply).toEqual({
        ok: false,
        error: 'link:open: refused: only https links to Apple and Stack Exchange pages open',
      });
    }
    expect(effects).toEqual([`open:${allowed}`]);
  });

  it('reports a failed probe as one line', async () => {
    const { dispatch } = setup();
    expect(await dispatch('probe:run', trusted, [{ host: '1-courier.push.apple.com' }])).toEqual({
      ok: false,
      error: 'probe:run: 1-courier.push.apple.com:5223: getaddrinfo ENOTFOUND',
    });
  });
});
