/** The client and the stores, provided once at the root so no component creates its own. */
import { createContext, useContext } from 'react';
import type { AppClient } from '../client/app-client';
import type { NotificationStore } from '../lib/notification-store';
import type { SnapshotStore } from '../lib/snapshot-store';

export interface AppServices {
  client: AppClient;
  snapshots: SnapshotStore;
  notifications: NotificationStore;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('apsd-watch: components must render inside <AppContext>');
  return services;
}
