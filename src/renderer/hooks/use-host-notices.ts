/**
 * What the host says macOS refused (host:notices), asked again with every snapshot and every
 * alert: a notification's refusal arrives a moment after the alert itself. Errors leave the list
 * as it was; the dashboard's host always answers [].
 */
import { useEffect, useState } from 'react';
import type { HostNotice } from '../../shared/ipc-contract';
import { useServices } from './app-context';
import { useNotifications, useSnapshotState } from './use-stores';

export function useHostNotices(): HostNotice[] {
  const { client } = useServices();
  const { snapshot } = useSnapshotState();
  const { received } = useNotifications();
  const [notices, setNotices] = useState<HostNotice[]>([]);
  const takenAt = snapshot?.takenAt;
  const lastAlert = received[0]?.id;
  useEffect(() => {
    let current = true;
    client.invoke('host:notices').then(
      (list) => current && setNotices(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, takenAt, lastAlert]);
  return notices;
}
