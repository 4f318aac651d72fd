/**
 * A uPlot plugin that marks log events on the chart's own time axis, one lane of dots per kind at
 * the top, so a spike and a warning visibly line up. Trust failures and spikes also get a line
 * through the plot; benign certificate warnings get one only while they are sparse (112 lines in a
 * 7-day view would drown the data). Marks closer than a few pixels merge into one dot.
 */
import type uPlot from 'uplot';
import type { HistoryMarker } from '../../shared/snapshot';
import { CHART_MARKER_KINDS, isChartMarker, type ChartMarkerKind } from './chart-data';
import type { ChartColors } from './chart-colors';

/** Above this many certificate warnings in view, they are drawn as dots only. */
const SPARSE_LEAF_MARKERS = 30;
/** Marks of one kind within this many CSS pixels share a dot. */
const MERGE_PX = 4;

/** Canvas x positions per kind, merged to one per MERGE_PX column. */
export function markerColumns(
  markers: readonly HistoryMarker[],
  toX: (t: number) => number,
  left: number,
  right: number,
  mergePx: number,
): Record<ChartMarkerKind, number[]> {
  const columns: Record<ChartMarkerKind, Map<number, number>> = {
    'trust-failure': new Map(),
    'leaf-certificate': new Map(),
    spike: new Map(),
  };
  for (const marker of markers) {
    if (!isChartMarker(marker)) continue;
    const x = Math.round(toX(marker.t));
    if (x < left || x > right) continue;
    columns[marker.kind].set(Math.floor(x / mergePx), x);
  }
  return {
    'trust-failure': [...columns['trust-failure'].values()],
    'leaf-certificate': [...columns['leaf-certificate'].values()],
    spike: [...columns.spike.values()],
  };
}

export function markerPlugin(
  getMarkers: () => readonly HistoryMarker[],
  colors: ChartColors,
): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        const ratio = window.devicePixelRatio || 1;
        const columns = markerColumns(
          getMarkers(),
          (t) => u.valToPos(t, 'x', true),
          bbox.left,
          bbox.left + bbox.width,
          MERGE_PX * ratio,
        );
        ctx.save();
        for (const kind of CHART_MARKER_KINDS) {
          const xs = columns[kind];
          const withLines = kind !== 'leaf-certificate' || xs.length <= SPARSE_LEAF_MARKERS;
          const y = bbox.top + (5 + CHART_MARKER_KINDS.indexOf(kind) * 8) * ratio;
          ctx.strokeStyle = colors.markers[kind];
          ctx.fillStyle = colors.markers[kind];
          ctx.lineWidth = ratio;
          for (const x of xs) {
            if (withLines) {
              ctx.globalAlpha = kind === 'trust-failure' ? 0.6 : 0.3;
              ctx.beginPath();
              ctx.moveTo(x + 0.5, y);
              ctx.lineTo(x + 0.5, bbox.top + bbox.height);
              ctx.stroke();
            }
            ctx.globalAlpha = 1;
            ctx.beginPath();
            ctx.arc(x + 0.5, y, 3 * ratio, 0, Math.PI * 2);
            ctx.fill();
          }
        }
        ctx.restore();
      },
    },
  };
}
