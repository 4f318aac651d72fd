/**
 * The latest snapshot, held outside React so a 10,000-row push is stored once and every component
 * reads the same object. Refetches after a reconnect, and never lets an older snapshot replace a
 * newer one (a `snapshot:get` reply can cross a push on the wire).
 */
import type { Snapshot } from '../../shared/snapshot';
import type { AppClient } from '../client/app-client';
import { errorLine } from '../../shared/error-line';

export interface SnapshotState {
  snapshot: Snapshot | null;
  /** The last failure to fetch, one line; cleared by the next snapshot. */
  error: string | null;
}

export interface SnapshotStore {
  getState(): SnapshotState;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

function isNewer(candidate: Snapshot, current: Snapshot | null): boolean {
  if (!current) return true;
  return Date.parse(candidate.takenAt) >= Date.parse(current.takenAt);
}

export function createSnapshotStore(client: AppClient): SnapshotStore {
  let state: SnapshotState = { snapshot: null, error: null };
  const listeners = new Set<() => void>();
  /** Set when the link drops; the first fetch below covers the initial connection. */
  let dropped = false;

  function set(next: SnapshotState): void {
    state = next;
    for (const listener of listeners) listener();
  }

  function accept(snapshot: Snapshot | null): void {
    if (snapshot && isNewer(snapshot, state.snapshot)) set({ snapshot, error: null });
  }

  function fetchLatest(): void {
    client.invoke('snapshot:get').then(accept, (error: unknown) => {
      set({ ...state, error: errorLine(error) });
    });
  }

  const offPush = client.on('snapshot', accept);
  const offStatus = client.onStatus(() => {
    const { state: linkState } = client.status();
    if (linkState === 'disconnected') dropped = true;
    if (linkState === 'connected' && dropped) {
      dropped = false;
      fetchLatest();
    }
  });
  fetchLatest();

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      offPush();
      offStatus();
      listeners.clear();
    },
  };
}
