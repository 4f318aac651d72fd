/**
 * What each request channel does, for every host (the menu-bar app and the browser dashboard).
 * Everything goes to the engine; the only host-side effects are the login item, opening an
 * allowed link, and redrawing the tray after a settings change, passed in as `HostActions`.
 * The popover loads while the engine is still starting (its log back-fill can take seconds):
 * requests that need its stored settings or history wait for `started` instead of seeing defaults.
 */
import type { Engine } from './engine-api';
import {
  isAllowedExternalUrl,
  type HostNotice,
  type RequestHandlers,
} from '../shared/ipc-contract';
import type { Settings } from '../shared/settings';
import { createConnectionPager, viewSnapshot } from '../shared/connection-query';

export interface HostActions {
  /** `app.setLoginItemSettings({ openAtLogin })`. */
  setLaunchAtLogin(enabled: boolean): void;
  /** `shell.openExternal`, only ever reached with an allowlisted https URL. */
  openExternal(url: string): Promise<void>;
  /** The tray title mode may have changed. */
  settingsChanged(settings: Settings): void;
  /** What macOS refused, for the popover and Settings; a host without any leaves it out. */
  notices?(): HostNotice[];
}

export type EngineForRequests = Pick<
  Engine,
  'latest' | 'history' | 'settings' | 'updateSettings' | 'probe' | 'report'
>;

export function createRequestHandlers(
  engine: EngineForRequests,
  host: HostActions,
  started: Promise<void> = Promise.resolve(),
): RequestHandlers {
  const afterStart = async <T>(work: () => T | Promise<T>): Promise<T> => {
    await started;
    return work();
  };
  const pageOf = createConnectionPager();
  return {
    // null until the first sample: the popover shows that it is starting rather than waiting.
    'snapshot:get': () => {
      const latest = engine.latest();
      return latest && viewSnapshot(latest);
    },
    'connections:page': (query) => pageOf(engine.latest(), query),
    'history:get': (range) => afterStart(() => engine.history(range)),
    'settings:get': () => afterStart(() => engine.settings()),
    'settings:set': (patch) =>
      afterStart(async () => {
        const settings = await engine.updateSettings(patch);
        if (patch.launchAtLogin !== undefined) host.setLaunchAtLogin(settings.launchAtLogin);
        host.settingsChanged(settings);
        return settings;
      }),
    'probe:run': (request) => engine.probe(request),
    'report:get': (request) => afterStart(() => engine.report(request)),
    'link:open': async (url) => {
      if (!isAllowedExternalUrl(url)) {
        throw new Error('refused: only https links to Apple and Stack Exchange pages open');
      }
      await host.openExternal(url);
    },
    'host:notices': () => host.notices?.() ?? [],
  };
}
