/** Every TCP state the watched daemon's sockets are in, as a compact list. */
import { TCP_STATES, type ConnectionSummary } from '../../shared/snapshot';
import { formatCount } from '../../shared/format';

export function StateCounts({ connections }: { connections: ConnectionSummary }) {
  const present = TCP_STATES.filter((state) => (connections.byState[state] ?? 0) > 0);
  return (
    <section className="group" aria-labelledby="state-counts-title">
      <h2 id="state-counts-title" className="group-title">
        Sockets by state
        <span className="group-aside">{formatCount(connections.total)} in total</span>
      </h2>
      {present.length === 0 ? (
        <p className="group-empty">No sockets attributed to the daemon.</p>
      ) : (
        <dl className="state-grid" data-testid="state-counts">
          {present.map((state) => (
            <div key={state} className="state-cell" data-state={state}>
              <dt>{state}</dt>
              <dd>{formatCount(connections.byState[state] ?? 0)}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
