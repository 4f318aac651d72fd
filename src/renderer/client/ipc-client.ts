/** The popover's transport: the preload's `window.apsdWatch` bridge, which never disconnects. */
import type { ApsdClient } from '../../shared/ipc-contract';
import type { AppClient, ConnectionStatus } from './app-client';

declare global {
  interface Window {
    /** Exposed by src/preload with exactly `invoke` and `on`; absent in a normal browser. */
    apsdWatch?: ApsdClient;
  }
}

const CONNECTED: ConnectionStatus = {
  state: 'connected',
  retryAt: null,
  detail: null,
  everConnected: true,
};

/** Wraps the bridge; the status is constant because IPC lives and dies with the window. */
export function createIpcClient(bridge: ApsdClient): AppClient {
  return {
    invoke: (channel, ...args) => bridge.invoke(channel, ...args),
    on: (channel, listener) => bridge.on(channel, listener),
    status: () => CONNECTED,
    onStatus: () => () => undefined,
    retryNow: () => undefined,
    close: () => undefined,
  };
}
