/**
 * The menu-bar item's Electron side: its three images, drawing a TrayState on it, and its menu.
 * (What to show is decided by the pure tray-state.ts.)
 *
 * Images: electron-vite copies the PNGs into out/main (hashed names), so the @2x file is attached
 * by hand rather than found by name, and the template flag is set explicitly: macOS then tints
 * the black-and-alpha glyph for light and dark menu bars. Files are read with Node's fs, which
 * reads inside app.asar.
 */
import {
  Menu,
  type MenuItemConstructorOptions,
  nativeImage,
  type NativeImage,
  type Tray,
} from 'electron';
import { readFileSync } from 'node:fs';
import alert1x from '../../assets/tray/alertTemplate.png?asset';
import alert2x from '../../assets/tray/alertTemplate@2x.png?asset';
import ok1x from '../../assets/tray/okTemplate.png?asset';
import ok2x from '../../assets/tray/okTemplate@2x.png?asset';
import watch1x from '../../assets/tray/watchTemplate.png?asset';
import watch2x from '../../assets/tray/watchTemplate@2x.png?asset';
import type { TrayIconState, TrayState } from './tray-state';
function templateImage(path1x: string, path2x: string): NativeImage {
  const image = nativeImage.createFromBuffer(readFileSync(path1x), { scaleFactor: 1 });
  if (image.isEmpty()) throw new Error(`tray icon ${path1x} is not a readable PNG`);
  image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(path2x) });
  image.setTemplateImage(true);
  return image;
}

export function loadTrayIcons(): Record<TrayIconState, NativeImage> {
  return {
    ok: templateImage(ok1x, ok2x),
    watch: templateImage(watch1x, watch2x),
    alert: templateImage(alert1x, alert2x),
  };
}

export interface TrayView {
  /** `redraw` sets every part again, after something else wrote to the item. */
  show(state: TrayState, redraw?: boolean): void;
}

/**
 * Puts a TrayState on the item, touching only what changed (each call redraws the menu bar), with
 * monospaced digits so a changing count does not jiggle its neighbours.
 */
export function createTrayView(tray: Tray, icons: Record<TrayIconState, NativeImage>): TrayView {
  let shown: TrayState | null = null;
  return {
    show(state, redraw = false) {
      if (redraw) shown = null;
      if (shown?.icon !== state.icon) tray.setImage(icons[state.icon]);
      if (shown?.title !== state.title) tray.setTitle(state.title, { fontType: 'monospacedDigit' });
      if (shown?.tooltip !== state.tooltip) tray.setToolTip(state.tooltip);
      shown = state;
    },
  };
}

export interface TrayMenuActions {
  open(): void;
  quit(): void;
}

/**
 * The menu's items (pure): open, any problem the user should know of (one disabled line each,
 * e.g. the window that failed to load), and Quit, which works whether or not the page loaded.
 */
export function trayMenuTemplate(
  actions: TrayMenuActions,
  problems: readonly string[],
): MenuItemConstructorOptions[] {
  return [
    { label: 'Open apsd-watch', click: actions.open },
    ...problems.map((line): MenuItemConstructorOptions => ({ label: line, enabled: false })),
    { type: 'separator' },
    { label: 'Quit apsd-watch', accelerator: 'CommandOrControl+Q', click: actions.quit },
  ];
}

/** Right-click, or Ctrl-click as everywhere on a Mac: Electron reports the latter as a click. */
export function wantsMenu(kind: 'click' | 'right-click', event: { ctrlKey?: boolean }): boolean {
  return kind === 'right-click' || event.ctrlKey === true;
}

export interface TrayMenu {
  /** Replaces the problem lines shown in the menu. */
  setProblems(problems: readonly string[]): void;
}

/**
 * Right-click or Ctrl-click opens a small menu. It is popped up by hand: `setContextMenu` would
 * take over the left click on macOS, which opens the popover. Added to our own Tray before the
 * popover's page loads, so Quit exists even when the page never does.
 */
export function addTrayMenu(tray: Tray, actions: TrayMenuActions): TrayMenu {
  let menu = Menu.buildFromTemplate(trayMenuTemplate(actions, []));
  tray.on('right-click', () => tray.popUpContextMenu(menu));
  tray.on('click', (event) => {
    if (wantsMenu('click', event)) tray.popUpContextMenu(menu);
  });
  return {
    setProblems(problems) {
      menu = Menu.buildFromTemplate(trayMenuTemplate(actions, problems));
    },
  };
}
