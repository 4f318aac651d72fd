/** History as chart series and words: the same facts the canvas draws, also for screen readers. */
import type { History, HistoryMarker, HistoryPoint, HistoryRange } from '../../shared/snapshot';
import { formatClock, formatCount } from '../../shared/format';

export const RANGE_LABELS: Record<HistoryRange, string> = {
  '1h': 'Last hour',
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
};

/** Marker kinds drawn on the time axis; connection and other lines would only be noise. */
export type ChartMarkerKind = 'trust-failure' | 'leaf-certificate' | 'spike';
export const CHART_MARKER_KINDS: readonly ChartMarkerKind[] = [
  'trust-failure',
  'leaf-certificate',
  'spike',
];

export const MARKER_LABELS: Record<ChartMarkerKind, string> = {
  'trust-failure': 'Trust failure',
  'leaf-certificate': 'Certificate warning',
  spike: 'Spike',
};

const MARKER_PLURALS: Record<ChartMarkerKind, string> = {
  'trust-failure': 'trust failures',
  'leaf-certificate': 'certificate warnings',
  spike: 'spikes',
};

export type SeriesData = [number[], (number | null)[], (number | null)[]];

/** [times (ms), FIN_WAIT_1, ESTABLISHED]; a gap over 3x the usual step becomes a break in the line. */
export function toSeries(points: readonly HistoryPoint[]): SeriesData {
  const times: number[] = [];
  const finWait1: (number | null)[] = [];
  const established: (number | null)[] = [];
  const gapMs = 3 * medianStep(points);
  let previous: HistoryPoint | undefined;
  for (const point of points) {
    if (previous && gapMs > 0 && point.t - previous.t > gapMs) {
      times.push(previous.t + 1);
      finWait1.push(null);
      established.push(null);
    }
    times.push(point.t);
    finWait1.push(point.finWait1);
    established.push(point.established);
    previous = point;
  }
  return [times, finWait1, established];
}

function medianStep(points: readonly HistoryPoint[]): number {
  if (points.length < 3) return 0;
  const steps: number[] = [];
  for (let i = 1; i < points.length; i++) steps.push(points[i]!.t - points[i - 1]!.t);
  steps.sort((a, b) => a - b);
  return steps[Math.floor(steps.length / 2)] ?? 0;
}

export function isChartMarker(
  marker: HistoryMarker,
): marker is HistoryMarker & { kind: ChartMarkerKind } {
  return (CHART_MARKER_KINDS as readonly string[]).includes(marker.kind);
}

/** Lines per marker kind in the range, for the legend. */
export function markerTotals(markers: readonly HistoryMarker[]): Record<ChartMarkerKind, number> {
  const totals: Record<ChartMarkerKind, number> = {
    'trust-failure': 0,
    'leaf-certificate': 0,
    spike: 0,
  };
  for (const marker of markers) if (isChartMarker(marker)) totals[marker.kind] += marker.count;
  return totals;
}

/** One paragraph for the chart's accessible name: peak, latest, and what was marked. */
export function describeHistory(history: History, now: number): string {
  const { points } = history;
  const range = RANGE_LABELS[history.range];
  if (points.length === 0) return `${range}: no samples recorded yet.`;
  let peak = points[0]!;
  for (const point of points) if (point.finWait1 > peak.finWait1) peak = point;
  const last = points[points.length - 1]!;
  const totals = markerTotals(history.markers);
  const marked = CHART_MARKER_KINDS.filter((kind) => totals[kind] > 0)
    .map((kind) => {
      const noun = totals[kind] === 1 ? MARKER_LABELS[kind].toLowerCase() : MARKER_PLURALS[kind];
      return `${formatCount(totals[kind])} ${noun}`;
    })
    .join(', ');
  return [
    `${range}: FIN_WAIT_1 peaked at ${formatCount(peak.finWait1)} at ${formatClock(peak.t, now)}`,
    `latest ${formatCount(last.finWait1)} FIN_WAIT_1 and ${formatCount(last.established)} ESTABLISHED at ${formatClock(last.t)}`,
    marked ? `marked: ${marked}.` : 'no warnings marked.',
  ].join('; ');
}
