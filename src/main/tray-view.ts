/**
 * Puts a TrayState on the menu-bar item, touching only what changed (each call redraws the menu
 * bar), with monospaced digits so a changing count does not jiggle its neighbours.
 */
import { Menu, type NativeImage, type Tray } from 'electron';
import type { TrayIconState, TrayState } from './tray-state';

export interface TrayView {
  show(state: TrayState): void;
}

export function createTrayView(tray: Tray, icons: Record<TrayIconState, NativeImage>): TrayView {
  let shown: TrayState | null = null;
  return {
    show(state) {
      if (shown?.icon !== state.icon) tray.setImage(icons[state.icon]);
      if (shown?.title !== state.title) tray.setTitle(state.title, { fontType: 'monospacedDigit' });
      if (shown?.tooltip !== state.tooltip) tray.setToolTip(state.tooltip);
      shown = state;
    },
  };
}

/**
 * Right-click opens a small menu. It is popped up by hand: `setContextMenu` would take over the
 * left click on macOS, which opens the popover.
 */
export function addTrayMenu(tray: Tray, actions: { open(): void; quit(): void }): void {
  const menu = Menu.buildFromTemplate([
    { label: 'Open apsd-watch', click: actions.open },
    { type: 'separator' },
    { label: 'Quit apsd-watch', accelerator: 'CommandOrControl+Q', click: actions.quit },
  ]);
  tray.on('right-click', () => tray.popUpContextMenu(menu));
}
