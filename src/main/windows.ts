/**
 * The app's windows: the one set of webPreferences every window uses (an isolated, sandboxed page
 * with no Node access that throttles when hidden), the menu-bar popover, and the fallback window
 * for when macOS hides the menu-bar item.
 */
import {
  type App,
  BrowserWindow,
  dialog,
  type NativeImage,
  screen,
  type Tray,
  type WebPreferences,
} from 'electron';
import { Menubar } from 'menubar';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_URL } from './bundle-files';
import type { OurWindows } from './ipc';
import { TRAY_HIDDEN_EXPLANATION, trayVisibility } from './tray-visibility';

/** out/main, where electron-vite puts this bundle; the renderer and preload are its siblings. */
const outMain = dirname(fileURLToPath(import.meta.url));

/** Served as apsd-watch://bundle/ (web-security.ts). */
export const RENDERER_DIR = join(outMain, '..', 'renderer');

/** electron-vite builds the preload as CommonJS; a sandboxed preload cannot be an ES module. */
const PRELOAD_PATH = join(outMain, '..', 'preload', 'index.cjs');

export function secureWebPreferences(): WebPreferences {
  return {
    preload: PRELOAD_PATH,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    backgroundThrottling: true,
    spellcheck: false,
  };
}

/**
 * The menu-bar popover: menubar's tray item plus a preloaded, frameless 380 x 560 window holding
 * the renderer. Every window menubar creates (it recreates one after a close) is registered as
 * ours before its page loads, so IPC trusts it and nothing else, and handed to `created`.
 */
export function createPopover(
  app: App,
  icon: NativeImage,
  windows: OurWindows,
  created: (window: BrowserWindow) => void,
): Menubar {
  const mb = new Menubar(app, {
    index: INDEX_URL,
    icon,
    tooltip: 'apsd-watch',
    preloadWindow: true,
    showDockIcon: false,
    browserWindow: {
      width: 380,
      height: 560,
      resizable: false,
      webPreferences: secureWebPreferences(),
    },
  });
  mb.on('before-load', () => {
    if (!mb.window) return;
    windows.add(mb.window);
    created(mb.window);
  });
  return mb;
}

/**
 * When macOS hides the menu-bar item (macOS 26's per-app "Allow in the Menu Bar" switch), the app
 * would run invisibly. Instead it opens the popover's page in a normal window with a Dock icon,
 * and says why in a sheet on that window. Closing it quits: nothing else could reopen it.
 */
export function openFallbackWindow(app: App, reason: string, windows: OurWindows): BrowserWindow {
  void app.dock?.show();
  const window = new BrowserWindow({
    width: 420,
    height: 640,
    minWidth: 380,
    minHeight: 480,
    title: 'apsd-watch',
    show: false,
    webPreferences: secureWebPreferences(),
  });
  window.once('ready-to-show', () => {
    window.show();
    void dialog.showMessageBox(window, {
      type: 'info',
      message: 'The apsd-watch menu-bar icon is hidden',
      detail: `${TRAY_HIDDEN_EXPLANATION}\n\nWhat apsd-watch saw: ${reason}.`,
      buttons: ['OK'],
    });
  });
  windows.add(window);
  window.on('closed', () => app.quit());
  void window.loadURL(INDEX_URL);
  return window;
}

/** macOS places a new status item asynchronously; measuring at once could see a zero size. */
const TRAY_CHECK_DELAY_MS = 2000;

/** Measures the tray item once, shortly after creation; getBounds() means something on macOS only. */
export function whenTrayHidden(tray: Tray, hidden: (reason: string) => void): void {
  if (process.platform !== 'darwin') return;
  setTimeout(() => {
    if (tray.isDestroyed()) return;
    const displays = screen.getAllDisplays().map((display) => display.bounds);
    const bounds = tray.getBounds();
    const visibility = trayVisibility(bounds, displays);
    if (visibility.visible) {
      // One line for whoever started the app from a terminal (and for the Mac-only tests).
      const { x, y, width, height } = bounds;
      console.info(`apsd-watch: menu-bar item shown at ${x},${y} (${width}x${height})`);
      return;
    }
    console.warn(`apsd-watch: menu-bar item hidden (${visibility.reason}); opening a window`);
    hidden(visibility.reason);
  }, TRAY_CHECK_DELAY_MS);
}
