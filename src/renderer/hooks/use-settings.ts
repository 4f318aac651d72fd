/** The engine's settings: loaded once per visit to the tab, saved with `settings:set`. */
import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { useServices } from './app-context';
import { errorLine } from '../../shared/error-line';

export interface SettingsState {
  settings: Settings | null;
  loadError: string | null;
  /** Bumped on every load or save, so the form resets to what the engine holds. */
  version: number;
  /** Whether the current copy came back from a save (the form then says "Saved"). */
  saved: boolean;
}

export function useSettings(): SettingsState & { save: (patch: SettingsPatch) => Promise<void> } {
  const { client } = useServices();
  const [state, setState] = useState<SettingsState>({
    settings: null,
    loadError: null,
    version: 0,
    saved: false,
  });

  useEffect(() => {
    let current = true;
    client.invoke('settings:get').then(
      (settings) =>
        current &&
        setState((old) => ({ settings, loadError: null, version: old.version + 1, saved: false })),
      (error: unknown) => current && setState((old) => ({ ...old, loadError: errorLine(error) })),
    );
    return () => {
      current = false;
    };
  }, [client]);

  /** Rejects with the engine's one-line error, which the form shows inline. */
  const save = useCallback(
    async (patch: SettingsPatch) => {
      const settings = await client.invoke('settings:set', patch);
      setState((old) => ({ settings, loadError: null, version: old.version + 1, saved: true }));
    },
    [client],
  );

  return { ...state, save };
}
