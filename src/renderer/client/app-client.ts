/**
 * What the UI holds: the shared ApsdClient plus a connection status, so the popover (IPC, always
 * connected) and the dashboard (WebSocket, may drop) render through one interface.
 */
import type { ApsdClient } from '../../shared/ipc-contract';

type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Epoch ms of the next reconnect attempt while disconnected; null otherwise. */
  retryAt: number | null;
  /** One line on why the link dropped; null while healthy. */
  detail: string | null;
  /** False until the first successful connection: a link that never came up needs a hint. */
  everConnected: boolean;
}

export interface AppClient extends ApsdClient {
  status(): ConnectionStatus;
  /** Subscribes to status changes; returns the unsubscribe function. */
  onStatus(listener: () => void): () => void;
  /** Skips the remaining backoff and reconnects now (no-op when connected). */
  retryNow(): void;
  close(): void;
}
