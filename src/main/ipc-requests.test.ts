/**
 * The menu-bar app's request handlers behind the real dispatcher, on the real engine (Linux
 * sockets, no log source, a temporary data folder). Only Electron's side effects (login item,
 * opening a link, redrawing the tray) are recorded instead of performed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine';
import type { Engine } from '../core/engine-api';
import { DEFAULT_SETTINGS, type Settings, type WatchRules } from '../shared/settings';
import {
  closeAll,
  createEstablished,
  openLoopbackServer,
} from '../../test/support/loopback-sockets';
import type { History, Snapshot } from '../shared/snapshot';
import type { ConnectionsPage } from '../shared/connection-query';
import { INDEX_URL } from './bundle-files';
import { createDispatcher, type IpcReply, type SenderFacts } from './ipc-dispatch';
import { createRequestHandlers, type HostActions } from '../core/request-handlers';

const allRows = { state: 'all', sort: { key: 'age', descending: true }, offset: 0, limit: 500 };
const trusted: SenderFacts = { fromOurWindow: true, frameUrl: INDEX_URL, isMainFrame: true };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function setup(rules?: WatchRules) {
  const dataDir = mkdtempSync(join(tmpdir(), 'apsd-main-'));
  const engine: Engine = createEngine({
    dataDir,
    ...(rules ? { rules } : {}),
    platform: 'linux',
    logSource: { kind: 'none' },
    appVersion: 'test',
  });
  cleanups.push(async () => {
    await engine.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const effects: string[] = [];
  const host: HostActions = {
    setLaunchAtLogin: (enabled) => void effects.push(`login:${enabled}`),
    openExternal: async (url) => void effects.push(`open:${url}`),
    settingsChanged: (s) => void effects.push(`changed:${s.trayTitle}`),
  };
  let start: () => Promise<void> = () => Promise.resolve();
  const started = new Promise<void>((resolve, reject) => {
    start = () => engine.start().then(resolve, reject);
  });
  const dispatch = createDispatcher(createRequestHandlers(engine, host, started), INDEX_URL);
  return { dataDir, effects, start, dispatch };
}

function value<T>(reply: IpcReply): T {
  if (!reply.ok) throw new Error(`expected a value, got: ${reply.error}`);
  return reply.value as T;
}

describe('request handlers on the real engine', () => {
  it('holds settings requests until the engine has started, then serves stored values', async () => {
    const { dataDir, effects, start, dispatch } = setup();
    let answered = false;
    const early = dispatch('settings:set', trusted, [{ trayTitle: 'always' }]).then((reply) => {
      answered = true;
      return reply;
    });
    expect(await dispatch('snapshot:get', trusted, [])).toEqual({ ok: true, value: null });
    expect(await dispatch('connections:page', trusted, [allRows])).toEqual({
      ok: true,
      value: { takenAt: null, total: 0, offset: 0, items: [] },
    });
    expect(answered).toBe(false);

    await start();
    const settings = value<Settings>(await early);
    expect(settings.trayTitle).toBe('always');
    expect(effects).toEqual(['changed:always']);
    expect(readFileSync(join(dataDir, 'settings.json'), 'utf8')).toContain('"always"');
    expect(value<Settings>(await dispatch('settings:get', trusted, [])).trayTitle).toBe('always');
  });

  it('answers snapshot, history and report once started', async () => {
    // A real sample from this machine's kernel, not a placeholder: two loopback links to watch.
    const server = await openLoopbackServer();
    cleanups.push(closeAll);
    await createEstablished(server, 2);
    const { start, dispatch } = setup({
      processes: ['apsd'],
      peerPorts: [server.port],
      peerCidrs: ['127.0.0.0/8'],
    });
    await start();
    const snapshot = value<Snapshot>(await dispatch('snapshot:get', trusted, []));
    expect(snapshot.source.sockets.status).toBe('ok');
    expect(snapshot.source.sockets.rowsRead).toBeGreaterThanOrEqual(2);
    expect(snapshot.connections.byState.ESTABLISHED).toBe(2);
    const page = value<ConnectionsPage>(await dispatch('connections:page', trusted, [allRows]));
    expect(page.takenAt).toBe(snapshot.takenAt);
    expect(page.total).toBe(snapshot.connections.total);
    const tooMany = await dispatch('connections:page', trusted, [{ ...allRows, limit: 501 }]);
    expect(tooMany.ok).toBe(false);
    expect(value<History>(await dispatch('history:get', trusted, ['1h'])).range).toBe('1h');
    const report = value<string>(
      await dispatch('report:get', trusted, [{ format: 'json', keepPrivate: false }]),
    );
    expect(() => JSON.parse(report)).not.toThrow();
  });

  it('applies launch at login only when the patch changes it, after the engine stored it', async () => {
    const { effects, start, dispatch } = setup();
    await start();
    const reply = await dispatch('settings:set', trusted, [{ launchAtLogin: true }]);
    expect(value<Settings>(reply).launchAtLogin).toBe(true);
    await dispatch('settings:set', trusted, [{ intervalSeconds: 30 }]);
    const changed = `changed:${DEFAULT_SETTINGS.trayTitle}`;
    expect(effects).toEqual(['login:true', changed, changed]);
  });

  it('touches nothing on the host when the engine cannot store the settings', async () => {
    const { dataDir, effects, start, dispatch } = setup();
    await start();
    // The data folder turns into a file: the atomic write of settings.json cannot happen.
    rmSync(dataDir, { recursive: true, force: true });
    writeFileSync(dataDir, 'not a folder');
    const reply = await dispatch('settings:set', trusted, [{ launchAtLogin: true }]);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.startsWith('settings:set: ')).toBe(true);
      expect(reply.error).not.toContain('\n');
    }
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
      expect(await dispatch('link:open', trusted, [url])).toEqual({
        ok: false,
        error: 'link:open: refused: only https links to Apple and Stack Exchange pages open',
        refusal: 'failed',
      });
    }
    expect(effects).toEqual([`open:${allowed}`]);
  });
});
