/**
 * Launch at login, read back. Electron's docs warn that macOS may refuse the login item of an app
 * that is not packaged, signed and notarized, and that it can await the user's approval; so after
 * every change (and at start) the app reads `getLoginItemSettings().status` and reports what macOS
 * says rather than what was asked. A development run (`npm start`) never registers one: it would
 * register node_modules' bare Electron.app, which opens Electron's default app at login.
 */
import type { App } from 'electron';
import type { LoginItemReadBack } from './host-status';

export type LoginItemApp = Pick<
  App,
  'isPackaged' | 'setLoginItemSettings' | 'getLoginItemSettings'
>;

/** Applies `wanted` when `change` is set (a Settings change), then reads back what macOS has. */
export function syncLoginItem(
  app: LoginItemApp,
  wanted: boolean,
  change: boolean,
): LoginItemReadBack {
  if (!app.isPackaged) return { state: 'dev-run', wanted };
  if (change) app.setLoginItemSettings({ openAtLogin: wanted });
  return { state: 'read', wanted, status: app.getLoginItemSettings().status };
}
