/**
 * The menu-bar popover: menubar's tray item plus a preloaded, frameless 380 x 560 window holding
 * the renderer. Every window menubar creates (it recreates one after a close) is registered as
 * ours before its page loads, so IPC trusts it and nothing else, and handed to `created`.
 */
import type { App, BrowserWindow, NativeImage } from 'electron';
import { Menubar } from 'menubar';
import { INDEX_URL } from './bundle-files';
import type { OurWindows } from './ipc';
import { secureWebPreferences } from './window-options';

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
