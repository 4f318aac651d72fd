/**
 * The certificate probe, run only when asked. Held by the App so the result survives a tab switch
 * and feeds the explainer's evidence.
 */
import { useCallback, useState } from 'react';
import type { ProbeResult } from '../../shared/probe';
import { useServices } from './app-context';
import { errorLine } from '../../shared/error-line';

export type ProbeState =
  | { status: 'idle'; result: ProbeResult | null }
  | { status: 'running'; result: ProbeResult | null }
  | { status: 'failed'; result: ProbeResult | null; error: string };

export function useProbe(): { probe: ProbeState; runProbe: () => void } {
  const { client } = useServices();
  const [probe, setProbe] = useState<ProbeState>({ status: 'idle', result: null });

  const runProbe = useCallback(() => {
    setProbe((old) => ({ status: 'running', result: old.result }));
    client.invoke('probe:run', {}).then(
      (result) => setProbe({ status: 'idle', result }),
      (error: unknown) =>
        setProbe((old) => ({
          status: 'failed',
          result: old.result,
          error: errorLine(error),
        })),
    );
  }, [client]);

  return { probe, runProbe };
}
