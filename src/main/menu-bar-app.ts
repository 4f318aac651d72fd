/**
 * Wires the engine to the menu bar once Electron is ready: popover and tray, IPC, native
 * notifications, power events, and the fallback window when macOS hides the tray item. The engine
 * samples in this process; a window hears about it only while it is on screen.
 */
import { type App, type BrowserWindow, powerMonitor, session, shell } from 'electron';
import type { Engine } from '../core/engine-api';
import type { Snapshot } from '../shared/snapshot';
import { INDEX_URL } from './bundle-files';
import { OurWindows, registerIpc } from './ipc';
import { createDispatcher } from './ipc-dispatch';
import { showEngineNotifications } from './notifications';
import { createRequestHandlers } from '../core/request-handlers';
import { trayState } from './tray-state';
import { addTrayMenu, createTrayView, loadTrayIcons, type TrayView } from './tray';
import { denyPermissions } from './web-security';
import { createPopover, openFallbackWindow, whenTrayHidden } from './windows';
import { WindowRelays } from './window-relays';

/** `started` is the engine's start(); the popover and tray appear before it settles. */
export function runMenuBarApp(app: App, engine: Engine, started: Promise<void>): { open(): void } {
  denyPermissions(session.defaultSession);
  const windows = new OurWindows();
  const relays = new WindowRelays(() => engine.latest());
  const icons = loadTrayIcons();
  const mb = createPopover(app, icons.ok, windows, (window) => relays.attach(window));
  let trayView: TrayView | null = null;
  let fallback: BrowserWindow | null = null;

  const open = () => {
    if (!fallback) return void mb.showWindow();
    fallback.show();
    fallback.focus();
  };
  const redrawTray = (snapshot: Snapshot | null) =>
    trayView?.show(trayState(snapshot, engine.settings().trayTitle));

  const handlers = createRequestHandlers(
    engine,
    {
      setLaunchAtLogin: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
      openExternal: (url) => shell.openExternal(url),
      settingsChanged: () => redrawTray(engine.latest()),
    },
    started,
  );
  registerIpc(createDispatcher(handlers, INDEX_URL), windows);

  mb.on('ready', () => {
    trayView = createTrayView(mb.tray, icons);
    redrawTray(engine.latest());
    addTrayMenu(mb.tray, { open, quit: () => app.quit() });
    whenTrayHidden(mb.tray, (reason) => {
      fallback = openFallbackWindow(app, reason, windows);
      relays.attach(fallback);
    });
  });

  engine.on('snapshot', (snapshot) => {
    redrawTray(snapshot);
    relays.snapshot(snapshot);
  });
  engine.on('notification', (event) => relays.notification(event));
  engine.on('warning', (warning) => console.warn(`apsd-watch: ${warning}`));
  showEngineNotifications(engine, open);
  powerMonitor.on('suspend', () => engine.suspended());
  powerMonitor.on('resume', () => engine.resumed());
  return { open };
}
