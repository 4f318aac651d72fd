/**
 * A uPlot plugin that marks log events on the chart's own time axis: a faint vertical line through
 * the plot (so a spike and a warning visibly line up) and a dot in one lane per kind at the top.
 */
import type uPlot from 'uplot';
import type { HistoryMarker } from '../../shared/snapshot';
import { CHART_MARKER_KINDS, isChartMarker } from './chart-data';
import type { ChartColors } from './chart-colors';

export function markerPlugin(
  getMarkers: () => readonly HistoryMarker[],
  colors: ChartColors,
): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        const ratio = window.devicePixelRatio || 1;
        ctx.save();
        ctx.beginPath();
        ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
        ctx.clip();
        for (const marker of getMarkers()) {
          if (!isChartMarker(marker)) continue;
          const x = Math.round(u.valToPos(marker.t, 'x', true));
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          const color = colors.markers[marker.kind];
          const lane = CHART_MARKER_KINDS.indexOf(marker.kind);
          const y = bbox.top + (5 + lane * 8) * ratio;
          ctx.globalAlpha = marker.kind === 'trust-failure' ? 0.55 : 0.3;
          ctx.strokeStyle = color;
          ctx.lineWidth = ratio;
          ctx.beginPath();
          ctx.moveTo(x + 0.5, y);
          ctx.lineTo(x + 0.5, bbox.top + bbox.height);
          ctx.stroke();
          ctx.globalAlpha = 1;
          ctx.fillStyle = color;
          ctx.beginPath();
          ctx.arc(x + 0.5, y, 3 * ratio, 0, Math.PI * 2);
          ctx.fill();
        }
        ctx.restore();
      },
    },
  };
}
