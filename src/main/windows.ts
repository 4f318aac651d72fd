/**
 * The app's windows: the one set of webPreferences every window uses (an isolated, sandboxed page
 * with no Node access that throttles when hidden), the menu-bar popover, and the fallback window
 * for when macOS hides the menu-bar item.
 */
import { type App, BrowserWindow, dialog, screen, type Tray, type WebPreferences } from 'electron';
import { Menubar } from 'menubar';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INDEX_URL } from './bundle-files';
import type { OurWindows } from './ipc';
import { createTrayJudge, TRAY_HIDDEN_EXPLANATION, type TrayVerdict } from './tray-visibility';

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
 * The menu-bar popover: a preloaded, frameless 380 x 560 window holding the renderer, opened from
 * our own `tray` (created before it, so the tray's menu and checks never wait for this page).
 * Every window menubar creates (it recreates one after a close) is registered as ours before its
 * page loads, so IPC trusts it and nothing else, and handed to `created`. A page that fails to
 * load is reported through `loadFailed` with what failed.
 */
export function createPopover(
  app: App,
  tray: Tray,
  windows: OurWindows,
  created: (window: BrowserWindow) => void,
  loadFailed: (what: string) => void,
): Menubar {
  const mb = new Menubar(app, {
    index: INDEX_URL,
    tray,
    tooltip: 'apsd-watch',
    preloadWindow: true,
    showDockIcon: false,
    // menu-bar-app.ts answers `activate` itself: the popover, or the fallback window while the
    // item is hidden (menubar would place its popover under the hidden item).
    activateWithApp: false,
    browserWindow: {
      width: 380,
      height: 560,
      resizable: false,
      webPreferences: secureWebPreferences(),
    },
  });
  mb.on('before-load', () => {
    const window = mb.window;
    if (!window) return;
    windows.add(window);
    created(window);
    reportLoadFailure(window, loadFailed);
  });
  return mb;
}

/** The main frame's failure to load (or its renderer dying) as one line saying what failed. */
function reportLoadFailure(window: BrowserWindow, loadFailed: (what: string) => void): void {
  window.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    if (isMainFrame)
      loadFailed(`the apsd-watch window did not load ${url}: ${description} (${code})`);
  });
  window.webContents.on('render-process-gone', (_event, details) =>
    loadFailed(`the apsd-watch window stopped: ${details.reason} (exit code ${details.exitCode})`),
  );
}

/**
 * The window that stands in for a hidden menu-bar item: the popover's page in a normal window with
 * a Dock icon, saying why in a sheet the first time. Closing it keeps the app running; the Dock
 * icon stays while the item is hidden, so clicking it reopens the window and its menu can quit.
 */
export class FallbackWindow {
  private window: BrowserWindow | null = null;
  private reason: string | null = null;

  constructor(
    private readonly app: App,
    private readonly windows: OurWindows,
    private readonly created: (window: BrowserWindow) => void,
    private readonly loadFailed: (what: string) => void,
  ) {}

  /** True while the menu-bar item is judged hidden. */
  get active(): boolean {
    return this.reason !== null;
  }

  /** The item is hidden: show the Dock icon and the window (with the explanation once). */
  open(reason: string): void {
    const first = this.reason === null;
    this.reason = reason;
    void this.app.dock?.show();
    this.show(first);
  }

  /** The item came back: the Dock icon goes; an open window stays until the user closes it. */
  trayShown(): void {
    if (this.reason === null) return;
    this.reason = null;
    if (!this.window) this.app.dock?.hide();
  }

  show(explain = false): void {
    if (this.window) {
      this.window.show();
      this.window.focus();
      return;
    }
    const window = new BrowserWindow({
      width: 420,
      height: 640,
      minWidth: 380,
      minHeight: 480,
      title: 'apsd-watch',
      show: false,
      webPreferences: secureWebPreferences(),
    });
    this.window = window;
    const reason = this.reason;
    window.once('ready-to-show', () => {
      window.show();
      if (!explain || reason === null) return;
      void dialog.showMessageBox(window, {
        type: 'info',
        message: 'The apsd-watch menu-bar icon is hidden',
        detail: `${TRAY_HIDDEN_EXPLANATION}\n\nWhat apsd-watch saw: ${reason}.`,
        buttons: ['OK'],
      });
    });
    this.windows.add(window);
    this.created(window);
    reportLoadFailure(window, this.loadFailed);
    // Closing is not quitting: the Dock icon (while the item is hidden) or a relaunch reopens it.
    window.on('closed', () => {
      this.window = null;
      if (this.reason === null) this.app.dock?.hide();
    });
    void window.loadURL(INDEX_URL);
  }
}

/** macOS places a new status item asynchronously; measuring at once could see a zero size. */
const FIRST_MEASUREMENT_MS = 2000;
/** Until a verdict, measure again this often (the menu bar may be auto-hidden or full screen). */
const MEASUREMENT_INTERVAL_MS = 5000;
/** While judged hidden, look now and then for the user having allowed it back. */
const HIDDEN_RECHECK_MS = 30_000;

/**
 * Measures the tray item until it is judged shown or hidden (tray-visibility.ts), then again
 * whenever the displays change, and every 30 s while hidden; `verdict` hears each change of
 * verdict. getBounds() means something on macOS only.
 */
export function watchTrayPlacement(tray: Tray, verdict: (verdict: TrayVerdict) => void): void {
  if (process.platform !== 'darwin') return;
  let judge = createTrayJudge();
  let last: TrayVerdict['kind'] | null = null;
  let timer: NodeJS.Timeout | null = null;
  const measure = () => {
    timer = null;
    if (tray.isDestroyed()) return;
    const displays = screen.getAllDisplays();
    const result = judge(tray.getBounds(), displays);
    if (!result) {
      timer = setTimeout(measure, MEASUREMENT_INTERVAL_MS);
      return;
    }
    if (result.kind === 'hidden') timer = setTimeout(measure, HIDDEN_RECHECK_MS);
    if (result.kind !== last) {
      last = result.kind;
      if (result.kind === 'shown') {
        // One line for whoever started the app from a terminal (and for the Mac-only tests).
        const { x, y, width, height } = result.bounds;
        console.info(`apsd-watch: menu-bar item shown at ${x},${y} (${width}x${height})`);
      } else {
        console.warn(`apsd-watch: menu-bar item hidden (${result.reason}); opening a window`);
      }
      verdict(result);
    }
  };
  const measureAgain = () => {
    judge = createTrayJudge();
    if (timer) clearTimeout(timer);
    timer = setTimeout(measure, FIRST_MEASUREMENT_MS);
  };
  screen.on('display-added', measureAgain);
  screen.on('display-removed', measureAgain);
  screen.on('display-metrics-changed', measureAgain);
  timer = setTimeout(measure, FIRST_MEASUREMENT_MS);
}
