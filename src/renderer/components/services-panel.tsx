/**
 * apsd's own list of the services using push on this Mac (apsctl status): each connected or
 * not, its last push, pushes in the last 24 h, the raw topic on hover. When apsctl could not be
 * read it says "not read" and why: never an empty list that reads as "no services".
 */
import { formatAgo } from '../../shared/format';
import type { Snapshot } from '../../shared/snapshot';
import { courierText, notReadText, serviceRows, type ServiceRow } from '../../shared/service-rows';

function connectedText(row: ServiceRow): string {
  if (row.connected === true) return 'connected';
  if (row.connected === false) return 'not connected';
  return 'not said';
}

export function ServicesPanel({ snapshot }: { snapshot: Snapshot }) {
  const push = snapshot.pushClients;
  const source = snapshot.source.pushClients;
  if (!push || push.status !== 'ok')
    return (
      <div className="stack" data-testid="services">
        <p
          className="callout callout-warning"
          data-testid="services-not-read"
          data-status={push?.status ?? 'skipped'}
        >
          {push?.status === 'starting'
            ? 'Reading apsd’s client list…'
            : notReadText(push ?? { status: 'skipped' }, source?.detail ?? null)}
        </p>
      </div>
    );
  const rows = serviceRows(push, snapshot.logs.topics?.byTopic);
  return (
    <div className="stack" data-testid="services">
      <p className="muted" data-testid="services-courier">
        Courier: {courierText(push)}
      </p>
      {rows.length === 0 ? (
        <p data-testid="services-empty">apsd listed no client.</p>
      ) : (
        <table className="services-table">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Status</th>
              <th scope="col">Last push</th>
              <th scope="col">24 h</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr
                key={`${row.client}\n${row.topic}\n${index}`}
                data-testid="service-row"
                data-connected={String(row.connected)}
                title={`${row.topic} (client ${row.client}${row.status ? `: ${row.status}` : ''})`}
              >
                <th scope="row" data-testid="service-name">
                  {row.service ?? row.topic}
                  {row.service === null ? <span className="muted"> (not in the table)</span> : null}
                </th>
                <td data-testid="service-status">{connectedText(row)}</td>
                <td data-testid="service-last-push">
                  {row.lastPushAt ? formatAgo(row.lastPushAt, snapshot.takenAt) : '–'}
                </td>
                <td data-testid="service-pushes">{row.pushes24h ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {source?.detail ? (
        <p className="muted" data-testid="services-detail">
          Not everything was read: {source.detail}
        </p>
      ) : null}
    </div>
  );
}
