/** apsd's log lines by kind (serious first), the latest lines, and the notifications received. */
import type { Snapshot } from '../../shared/snapshot';
import { logsNotReadWhy } from '../../shared/log-reading';
import { LogKindList } from './log-kind-list';
import { NotificationLog } from './notification-log';
import { RecentLines } from './recent-lines';

export function WarningsPanel({ snapshot }: { snapshot: Snapshot }) {
  const { logs, source, takenAt } = snapshot;
  return (
    <div className="stack" data-testid="warnings">
      {source.logs.status !== 'ok' ? (
        <p
          className="callout callout-warning"
          data-testid="log-source-status"
          data-status={source.logs.status}
        >
          Log source {source.logs.status}: {source.logs.detail ?? source.logs.from}
        </p>
      ) : null}
      <LogKindList logs={logs} now={takenAt} notRead={logsNotReadWhy(source.logs)} />
      <NotificationLog />
      <RecentLines recent={logs.recent} now={takenAt} />
    </div>
  );
}
