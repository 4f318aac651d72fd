/** Notifications pushed by the host, newest first, de-duplicated by id and bounded. */
import type { AppNotification } from '../../shared/snapshot';
import type { AppClient } from '../client/app-client';

export interface NotificationState {
  /** Newest first, at most `limit`. */
  received: readonly AppNotification[];
  /** Ids the user closed in the page; they stay in the Warnings list. */
  dismissed: ReadonlySet<string>;
}

export interface NotificationStore {
  getState(): NotificationState;
  subscribe(listener: () => void): () => void;
  dismiss(id: string): void;
  dispose(): void;
}

export function createNotificationStore(client: AppClient, limit = 50): NotificationStore {
  let state: NotificationState = { received: [], dismissed: new Set() };
  const listeners = new Set<() => void>();

  function set(next: NotificationState): void {
    state = next;
    for (const listener of listeners) listener();
  }

  const off = client.on('notification', (notification) => {
    if (state.received.some((known) => known.id === notification.id)) return;
    set({ ...state, received: [notification, ...state.received].slice(0, limit) });
  });

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dismiss(id) {
      if (state.dismissed.has(id)) return;
      set({ ...state, dismissed: new Set([...state.dismissed, id]) });
    },
    dispose() {
      off();
      listeners.clear();
    },
  };
}
