/**
 * Electron entry point of the menu-bar app. One instance only; no Dock icon (the packaged app
 * also sets LSUIElement); the engine keeps its history and settings in the user-data folder and
 * is stopped, with its child processes, before the app quits.
 */
import { app, dialog, Notification } from 'electron';
import { createEngine } from '../core/engine';
import type { Engine } from '../core/engine-api';
import {
  serveMetricsWhileEnabled,
  type MetricsWhileEnabled,
} from '../core/metrics/metrics-while-enabled';
import { errorLine } from '../shared/error-line';
import { chooseUserData } from './app-paths';
import { runMenuBarApp } from './menu-bar-app';
import { declareBundleScheme, hardenWebContents, serveBundle } from './web-security';

/** Quitting waits for the engine to stop its timers and children, then quits for real. */
function stopEngineBeforeQuit(engine: Engine, metrics: () => MetricsWhileEnabled | null): void {
  let stopping = false;
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    (metrics()?.stop() ?? Promise.resolve())
      .then(() => engine.stop())
      .catch((error: unknown) => console.error(`apsd-watch: stopping: ${errorLine(error)}`))
      .finally(() => {
        stopped = true;
        console.info('apsd-watch: engine stopped, quitting');
        app.quit();
      });
  });
  // Ctrl-C in `npm start`'s terminal, or a plain kill: quit the same way as from the menu.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

function main(): void {
  const engine = createEngine({ dataDir: app.getPath('userData'), appVersion: app.getVersion() });
  declareBundleScheme();
  hardenWebContents(app);
  // Hiding or closing the popover must not quit a menu-bar app; quitting is an explicit choice.
  app.on('window-all-closed', () => undefined);

  let metrics: MetricsWhileEnabled | null = null;
  stopEngineBeforeQuit(engine, () => metrics);

  void app.whenReady().then(() => {
    app.dock?.hide();
    serveBundle();
    const started = engine.start();
    const shell = runMenuBarApp(app, engine, started);
    // Prometheus /metrics on 127.0.0.1 while the settings ask for it (off by default).
    // (A failed start is reported below.)
    void started.then(
      () => {
        metrics = serveMetricsWhileEnabled(engine, {
          version: app.getVersion(),
          onError: (line) => {
            console.error(`apsd-watch: ${line}`);
            // The user turned it on in Settings: say so where they will see it.
            if (Notification.isSupported())
              new Notification({ title: 'Prometheus /metrics is not served', body: line }).show();
          },
        });
      },
      () => undefined,
    );
    app.on('second-instance', () => shell.open());
    void started.catch((error: unknown) => {
      dialog.showErrorBox('apsd-watch could not start', errorLine(error));
      app.quit();
    });
  });
}

// Data folder and single-instance lock: --data-dir, else a development run's own, else Electron's.
const userData = chooseUserData({
  isPackaged: app.isPackaged,
  dataDirSwitch: app.commandLine.getSwitchValue('data-dir'),
  appData: app.getPath('appData'),
  userData: app.getPath('userData'),
});
if (userData) app.setPath('userData', userData);

if (app.requestSingleInstanceLock()) main();
else app.quit();
