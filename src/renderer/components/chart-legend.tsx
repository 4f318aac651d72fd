/** What the lines and dots mean, with how many of each mark the range holds. */
import type { HistoryMarker } from '../../shared/snapshot';
import { CHART_MARKER_KINDS, MARKER_LABELS, markerTotals } from '../lib/chart-data';
import { formatCount } from '../../shared/format';

export function ChartLegend({ markers }: { markers: readonly HistoryMarker[] }) {
  const totals = markerTotals(markers);
  return (
    <ul className="legend" aria-label="Chart legend" data-testid="history-legend">
      <li>
        <span className="swatch swatch-line" data-series="fin" aria-hidden="true" />
        FIN_WAIT_1 <span className="legend-note">(left axis)</span>
      </li>
      <li>
        <span className="swatch swatch-line" data-series="est" aria-hidden="true" />
        ESTABLISHED <span className="legend-note">(right axis)</span>
      </li>
      {CHART_MARKER_KINDS.map((kind) => (
        <li key={kind} data-testid={`legend-${kind}`} data-count={totals[kind]}>
          <span className="swatch swatch-dot" data-marker={kind} aria-hidden="true" />
          {MARKER_LABELS[kind]} <span className="legend-count">{formatCount(totals[kind])}</span>
        </li>
      ))}
    </ul>
  );
}
