/** Where each number came from; a fallback or failure is shown in words, not just a colour. */
import type { PartStatus, SourceInfo } from '../../shared/snapshot';
import { formatCount } from '../../shared/format';

const STATUS_WORDS: Record<PartStatus, string> = {
  ok: 'OK',
  fallback: 'Fallback',
  failed: 'Failed',
  unavailable: 'Unavailable',
  starting: 'Starting',
  skipped: 'Not used',
};

interface Line {
  key: keyof SourceInfo;
  label: string;
  status: PartStatus;
  summary: string;
  detail: string | null;
}

function lines(source: SourceInfo): Line[] {
  const { sockets, logs, daemon } = source;
  const timing = sockets.durationMs === null ? '' : ` in ${Math.round(sockets.durationMs)} ms`;
  return [
    {
      key: 'sockets',
      label: 'Sockets',
      status: sockets.status,
      summary: `${sockets.from}: ${formatCount(sockets.rowsAttributed)} of ${formatCount(sockets.rowsRead)} rows${timing}`,
      detail: sockets.detail,
    },
    {
      key: 'logs',
      label: 'Logs',
      status: logs.status,
      summary: `${logs.from}: ${formatCount(logs.linesRead)} lines`,
      detail: logs.detail,
    },
    {
      key: 'daemon',
      label: 'Daemon',
      status: daemon.status,
      summary: daemon.from,
      detail: daemon.detail,
    },
  ];
}

export function SourceStatus({ source }: { source: SourceInfo }) {
  return (
    <section className="group" aria-labelledby="source-status-title">
      <h2 id="source-status-title" className="group-title">
        Sources
      </h2>
      <ul className="sources" data-testid="source-status">
        {lines(source).map((line) => (
          <li key={line.key} data-testid={`source-${line.key}`} data-status={line.status}>
            <span className="source-label">{line.label}</span>
            <span className="status-chip" data-status={line.status}>
              {STATUS_WORDS[line.status]}
            </span>
            <span className="source-summary mono" title={line.summary}>
              {line.summary}
            </span>
            {line.detail ? <span className="source-detail">{line.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
