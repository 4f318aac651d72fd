/** Subscriptions to the external stores, via useSyncExternalStore so a push renders exactly once. */
import { useSyncExternalStore } from 'react';
import type { ConnectionStatus } from '../client/app-client';
import type { NotificationState } from '../lib/notification-store';
import type { SnapshotState } from '../lib/snapshot-store';
import { useServices } from './app-context';

export function useSnapshotState(): SnapshotState {
  const { snapshots } = useServices();
  return useSyncExternalStore(snapshots.subscribe, snapshots.getState);
}

export function useNotifications(): NotificationState {
  const { notifications } = useServices();
  return useSyncExternalStore(notifications.subscribe, notifications.getState);
}

export function useConnectionStatus(): ConnectionStatus {
  const { client } = useServices();
  return useSyncExternalStore(client.onStatus, client.status);
}
