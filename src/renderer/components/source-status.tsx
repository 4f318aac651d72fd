/** Where each number came from; a fallback or failure is shown in words, not just a colour. */
import type { SourceInfo } from '../../shared/snapshot';
import { SOURCE_STATUS_WORDS, describeSources } from '../../shared/source-status-text';

export function SourceStatus({ source, daemonName }: { source: SourceInfo; daemonName: string }) {
  return (
    <section className="group" aria-labelledby="source-status-title">
      <h2 id="source-status-title" className="group-title">
        Sources
      </h2>
      <ul className="sources" data-testid="source-status">
        {describeSources(source, daemonName).map((part) => (
          <li key={part.key} data-testid={`source-${part.key}`} data-status={part.status}>
            <span className="source-label">{part.label}</span>
            <span className="status-chip" data-status={part.status}>
              {SOURCE_STATUS_WORDS[part.status]}
            </span>
            <span className="source-summary mono" title={part.summary}>
              {part.summary}
            </span>
            {part.detail ? <span className="source-detail">{part.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
