/**
 * History for one range, refetched as snapshots arrive but no more often than the range needs
 * (a 7-day chart does not change every 10 s).
 */
import { useEffect, useRef, useState } from 'react';
import type { History, HistoryRange } from '../../shared/snapshot';
import { useServices } from './app-context';
import { errorLine } from '../../shared/error-line';

const REFRESH_MS: Record<HistoryRange, number> = { '1h': 0, '24h': 60_000, '7d': 600_000 };

export interface HistoryState {
  history: History | null;
  error: string | null;
}

export function useHistory(range: HistoryRange, takenAt: string | undefined): HistoryState {
  const { client } = useServices();
  const [state, setState] = useState<HistoryState>({ history: null, error: null });
  const lastFetch = useRef<{ range: HistoryRange; at: number } | null>(null);

  useEffect(() => {
    const previous = lastFetch.current;
    const now = Date.now();
    if (previous && previous.range === range && now - previous.at < REFRESH_MS[range]) return;
    lastFetch.current = { range, at: now };
    let current = true;
    client.invoke('history:get', range).then(
      (history) => current && setState({ history, error: null }),
      (error: unknown) =>
        current &&
        setState((old) => ({
          history: old.history?.range === range ? old.history : null,
          error: errorLine(error),
        })),
    );
    return () => {
      current = false;
    };
  }, [client, range, takenAt]);

  return state.history && state.history.range !== range ? { history: null, error: null } : state;
}
