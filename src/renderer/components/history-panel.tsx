/** FIN_WAIT_1 and ESTABLISHED over time, with certificate warnings and trust failures marked. */
import type { HistoryRange, Snapshot } from '../../shared/snapshot';
import { useHistory } from '../hooks/use-history';
import { ChartLegend } from './chart-legend';
import { HistoryChart } from './history-chart';
import { RangePicker } from './range-picker';

interface HistoryPanelProps {
  snapshot: Snapshot;
  range: HistoryRange;
  onRange: (range: HistoryRange) => void;
}

export function HistoryPanel({ snapshot, range, onRange }: HistoryPanelProps) {
  const { history, error } = useHistory(range, snapshot.takenAt);
  return (
    <div className="stack" data-testid="history">
      <RangePicker value={range} onChange={onRange} />
      {error ? (
        <p className="inline-error" role="alert">
          Could not load history: {error}
        </p>
      ) : null}
      {history ? (
        <>
          <HistoryChart history={history} now={Date.parse(snapshot.takenAt)} />
          <ChartLegend markers={history.markers} />
        </>
      ) : error ? null : (
        <p className="placeholder chart-placeholder">Loading history…</p>
      )}
    </div>
  );
}
