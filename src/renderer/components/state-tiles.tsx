/** FIN_WAIT_1 as the big number (with unsent bytes and the oldest), beside the push link. */
import type { ConnectionSummary, SpikeState } from '../../shared/snapshot';
import { ageText, formatBytes, formatCount, formatDuration } from '../../shared/format';

interface StateTilesProps {
  connections: ConnectionSummary;
  spike: SpikeState;
}

export function StateTiles({ connections, spike }: StateTilesProps) {
  const { finWait1, established } = connections;
  const high = spike.active || finWait1.count >= spike.threshold;
  return (
    <div className="tiles">
      <section
        className="tile tile-primary"
        data-testid="fin-wait-1"
        data-high={high}
        aria-labelledby="tile-fin-title"
      >
        <h2 id="tile-fin-title" className="tile-label">
          FIN_WAIT_1
        </h2>
        <p className="tile-value" data-testid="fin-wait-1-count">
          {formatCount(finWait1.count)}
        </p>
        <p className="tile-detail" data-testid="fin-wait-1-send-q">
          {formatBytes(finWait1.sendQueueBytes)} held in Send-Q
        </p>
        <p className="tile-detail" data-testid="fin-wait-1-oldest">
          {finWait1.count === 0
            ? 'none lingering'
            : `oldest ${ageText(finWait1.oldestAgeSeconds ?? 0, connections.observedSeconds, formatDuration)}`}
        </p>
        {spike.active ? (
          <p className="tile-flag" data-testid="spike-active">
            Spike above {formatCount(spike.threshold)}
          </p>
        ) : null}
      </section>
      <section className="tile" data-testid="established" aria-labelledby="tile-est-title">
        <h2 id="tile-est-title" className="tile-label">
          ESTABLISHED
        </h2>
        <p className="tile-value" data-testid="established-count">
          {formatCount(established.count)}
        </p>
        {established.longest ? (
          <>
            <p className="tile-detail">
              up{' '}
              {ageText(established.longest.ageSeconds, connections.observedSeconds, formatDuration)}
            </p>
            <p className="tile-detail mono" title={established.longest.peer}>
              {established.longest.peer}
            </p>
          </>
        ) : (
          <p className="tile-detail">no push link open</p>
        )}
      </section>
    </div>
  );
}
