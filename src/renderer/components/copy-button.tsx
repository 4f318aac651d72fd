/** A Copy button that says "Copied" (or why not) for a moment, announced to screen readers. */
import { useCopy } from '../hooks/use-copy';

interface CopyButtonProps {
  /** The text, or a function fetching it (e.g. the report) when clicked. */
  source: string | (() => Promise<string>);
  label: string;
  /** The accessible name when the visible label alone is ambiguous ("Copy" next to many commands). */
  accessibleName?: string;
  className?: string;
  testId?: string;
}

export function CopyButton({ source, label, accessibleName, className, testId }: CopyButtonProps) {
  const [state, copy] = useCopy();
  return (
    <span className="copy">
      <button
        type="button"
        className={className ?? 'button small'}
        aria-label={accessibleName}
        data-testid={testId}
        onClick={() => copy(source)}
      >
        {state.status === 'copied' ? 'Copied' : label}
      </button>
      <span className="copy-status" role="status">
        {state.status === 'copied' ? <span className="visually-hidden">Copied</span> : null}
        {state.status === 'failed' ? <span className="inline-error">{state.error}</span> : null}
      </span>
    </span>
  );
}
