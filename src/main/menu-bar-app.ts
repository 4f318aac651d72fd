/**
 * Wires the engine to the menu bar once Electron is ready: tray, popover, IPC, native
 * notifications, power events, and the fallback window when macOS hides the tray item. The tray
 * (its icon, title, menu with Quit, and the hidden-icon check) is ours and comes first; the
 * popover's page loads after it, so nothing the user needs to leave waits for that page. The
 * engine samples in this process; a window hears about it only while it is on screen.
 */
import { type App, type BrowserWindow, dialog, powerMonitor, session, shell, Tray } from 'electron';
import type { Engine } from '../core/engine-api';
import type { Snapshot } from '../shared/snapshot';
import { INDEX_URL } from './bundle-files';
import { OurWindows, registerIpc } from './ipc';
import { createDispatcher } from './ipc-dispatch';
import { hostNotices, type LoginItemReadBack, type NotificationDelivery } from './host-status';
import { syncLoginItem } from './login-item';
import { showEngineNotifications } from './notifications';
import { createRequestHandlers } from '../core/request-handlers';
import { trayState } from './tray-state';
import { addTrayMenu, createTrayView, loadTrayIcons } from './tray';
import { denyPermissions } from './web-security';
import { createPopover, FallbackWindow, watchTrayPlacement } from './windows';
import { WindowRelays } from './window-relays';

/** `started` is the engine's start(); the popover and tray appear before it settles. */
export function runMenuBarApp(app: App, engine: Engine, started: Promise<void>): { open(): void } {
  denyPermissions(session.defaultSession);
  const windows = new OurWindows();
  const relays = new WindowRelays(
    () => engine.latest(),
    () => void engine.refreshPushClients().catch(() => undefined),
  );
  const icons = loadTrayIcons();
  const tray = new Tray(icons.ok);
  const trayView = createTrayView(tray, icons);
  const redrawTray = (snapshot: Snapshot | null) =>
    trayView.show(trayState(snapshot, engine.settings().trayTitle));
  redrawTray(engine.latest());

  const problems: string[] = [];
  // A page that fails to load says what failed: in a message, and as a line in the tray's menu.
  const loadFailed = (what: string) => {
    console.error(`apsd-watch: ${what}`);
    if (problems.includes(what)) return;
    problems.push(what);
    menu.setProblems(problems);
    void dialog.showMessageBox({
      type: 'error',
      message: 'apsd-watch could not show its window',
      detail: what,
    });
  };
  const attach = (window: BrowserWindow) => relays.attach(window);
  const fallback = new FallbackWindow(app, windows, attach, loadFailed);
  const mb = createPopover(app, tray, windows, attach, loadFailed);
  const open = () => (fallback.active ? fallback.show() : void mb.showWindow());
  const menu = addTrayMenu(tray, { open, quit: () => app.quit() });
  // Opening the app again (Finder, Spotlight, its Dock icon while the item is hidden).
  app.on('activate', open);
  // menubar sets its own (empty) tooltip once its page has loaded: put ours back.
  mb.on('ready', () =>
    trayView.show(trayState(engine.latest(), engine.settings().trayTitle), true),
  );
  watchTrayPlacement(tray, (verdict) =>
    verdict.kind === 'hidden' ? fallback.open(verdict.reason) : fallback.trayShown(),
  );

  // What macOS refused (notifications, the login item), for the popover and Settings to say.
  let delivery: NotificationDelivery = { state: 'untried' };
  let loginItem: LoginItemReadBack | null = null;
  void started.then(
    () => (loginItem = syncLoginItem(app, engine.settings().launchAtLogin, false)),
    () => undefined,
  );
  const handlers = createRequestHandlers(
    engine,
    {
      setLaunchAtLogin: (openAtLogin) => (loginItem = syncLoginItem(app, openAtLogin, true)),
      openExternal: (url) => shell.openExternal(url),
      settingsChanged: () => redrawTray(engine.latest()),
      notices: () => hostNotices(delivery, loginItem),
    },
    started,
  );
  registerIpc(createDispatcher(handlers, INDEX_URL), windows);

  engine.on('snapshot', (snapshot) => {
    redrawTray(snapshot);
    relays.snapshot(snapshot);
  });
  engine.on('notification', (event) => relays.notification(event));
  engine.on('warning', (warning) => console.warn(`apsd-watch: ${warning}`));
  showEngineNotifications(engine, open, (fate) => (delivery = fate));
  powerMonitor.on('suspend', () => engine.suspended());
  powerMonitor.on('resume', () => engine.resumed());
  return { open };
}
