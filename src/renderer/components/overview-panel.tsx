/** The at-a-glance view: lingering sockets first, then the push link, the daemon and the sources. */
import type { Snapshot } from '../../shared/snapshot';
import { DaemonFacts } from './daemon-facts';
import { SnapshotWarnings } from './snapshot-warnings';
import { SourceStatus } from './source-status';
import { StateCounts } from './state-counts';
import { StateTiles } from './state-tiles';

export function OverviewPanel({
  snapshot,
  onExplain,
}: {
  snapshot: Snapshot;
  onExplain: () => void;
}) {
  return (
    <div className="stack" data-testid="overview">
      <SnapshotWarnings warnings={snapshot.warnings} />
      <StateTiles connections={snapshot.connections} spike={snapshot.spike} />
      <StateCounts connections={snapshot.connections} />
      <DaemonFacts snapshot={snapshot} />
      <SourceStatus source={snapshot.source} daemonName={snapshot.daemon.name} />
      <p className="footnote">
        <button type="button" className="link-button" onClick={onExplain}>
          What is apsd, and is this normal?
        </button>
      </p>
    </div>
  );
}
