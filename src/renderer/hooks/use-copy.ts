/** A Copy button's state: "Copied" or the failure, for a few seconds, then back to idle. */
import { useCallback, useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard';
import { errorLine } from '../../shared/error-line';

export type CopyState =
  { status: 'idle' } | { status: 'copied' } | { status: 'failed'; error: string };

export function useCopy(
  resetMs = 2500,
): [CopyState, (text: string | (() => Promise<string>)) => void] {
  const [state, setState] = useState<CopyState>({ status: 'idle' });

  useEffect(() => {
    if (state.status === 'idle') return;
    const timer = setTimeout(() => setState({ status: 'idle' }), resetMs);
    return () => clearTimeout(timer);
  }, [state, resetMs]);

  const copy = useCallback((source: string | (() => Promise<string>)) => {
    const text = typeof source === 'string' ? Promise.resolve(source) : source();
    text
      .then((value) => copyText(value))
      .then(
        () => setState({ status: 'copied' }),
        (error: unknown) =>
          setState({
            status: 'failed',
            error: errorLine(error),
          }),
      );
  }, []);

  return [state, copy];
}
