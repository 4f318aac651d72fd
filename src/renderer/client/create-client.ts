/** Picks the transport once at start-up: the preload's bridge in Electron, the WebSocket otherwise. */
import { DASHBOARD_SOCKET_PATH } from '../../shared/dashboard-protocol';
import type { AppClient } from './app-client';
import { createIpcClient } from './ipc-client';
import { createSocketClient } from './socket-client';

/** The socket URL on the page's own origin; the auth cookie rides along automatically. */
export function dashboardSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${DASHBOARD_SOCKET_PATH}`;
}

export function createClient(win: Window = window): AppClient {
  if (win.apsdWatch) return createIpcClient(win.apsdWatch);
  return createSocketClient({ url: dashboardSocketUrl(win.location) });
}
