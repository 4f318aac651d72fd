/** uPlot options for the history chart: time on x, FIN_WAIT_1 on the left, ESTABLISHED on the right. */
import type uPlot from 'uplot';
import type { HistoryMarker, HistoryRange } from '../../shared/snapshot';
import type { ChartColors } from './chart-colors';
import { markerPlugin } from './chart-markers';
import { formatClock } from '../../shared/format';

export const CHART_HEIGHT = 176;

const RANGE_MS: Record<HistoryRange, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 604_800_000,
};

/** Counts are whole numbers: no 0.5-socket ticks. */
const COUNT_INCRS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 2.5e3, 5e3, 1e4, 2e4, 5e4, 1e5,
];

function shortCount(value: number): string {
  if (value >= 10_000) return `${Math.round(value / 1000)}k`;
  if (value >= 1000) return `${(value / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return String(value);
}

export interface ChartInputs {
  range: HistoryRange;
  /** The snapshot time the x axis ends at (epoch ms). */
  now: number;
  markers: readonly HistoryMarker[];
}

/** `live` is read on every redraw, so new data never needs a new chart. */
export function chartOptions(
  width: number,
  colors: ChartColors,
  live: { current: ChartInputs },
): uPlot.Options {
  const axisCommon = {
    stroke: colors.axis,
    font: colors.font,
    ticks: { show: false },
    grid: { stroke: colors.grid, width: 1 },
  };
  return {
    width,
    height: CHART_HEIGHT,
    ms: 1,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 6 } },
    padding: [8, 4, 0, 0],
    scales: {
      x: {
        time: true,
        range: () => [live.current.now - RANGE_MS[live.current.range], live.current.now],
      },
      fin: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
      est: { range: (_u, _min, max) => [0, Math.max(2, Math.ceil(max + 1))] },
    },
    axes: [
      {
        ...axisCommon,
        size: 24,
        space: 64,
        values: (_u, splits) =>
          splits.map((t) =>
            live.current.range === '7d'
              ? formatClock(t, live.current.now).replace(/ 00:00$/, '')
              : formatClock(t),
          ),
      },
      {
        ...axisCommon,
        scale: 'fin',
        size: 40,
        space: 28,
        incrs: COUNT_INCRS,
        values: (_u, s) => s.map(shortCount),
      },
      {
        ...axisCommon,
        scale: 'est',
        side: 1,
        size: 28,
        space: 28,
        incrs: COUNT_INCRS,
        grid: { show: false },
        stroke: colors.established,
        values: (_u, s) => s.map(shortCount),
      },
    ],
    series: [
      {},
      {
        label: 'FIN_WAIT_1',
        scale: 'fin',
        stroke: colors.finWait1,
        fill: colors.finWait1Fill,
        width: 1.5,
        spanGaps: false,
      },
      {
        label: 'ESTABLISHED',
        scale: 'est',
        stroke: colors.established,
        width: 1.5,
        spanGaps: false,
      },
    ],
    plugins: [markerPlugin(() => live.current.markers, colors)],
  };
}
