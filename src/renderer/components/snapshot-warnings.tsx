/** The engine's own warnings (skipped input, a quarantined file, a fallback): never hidden. */
import { WarningIcon } from './icons';

export function SnapshotWarnings({ warnings }: { warnings: readonly string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="callout callout-warning" aria-labelledby="snapshot-warnings-title">
      <h2 id="snapshot-warnings-title" className="callout-title">
        <WarningIcon />
        {warnings.length === 1 ? 'Warning' : `${warnings.length} warnings`}
      </h2>
      <ul className="callout-list">
        {warnings.map((warning, index) => (
          <li key={`${index}:${warning}`} data-testid="snapshot-warning">
            {warning}
          </li>
        ))}
      </ul>
    </section>
  );
}
