/**
 * The uPlot chart. One uPlot instance per colour scheme; new data goes through setData, and the
 * x range and markers are read live from a ref, so a 10 s refresh never rebuilds the chart.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { History } from '../../shared/snapshot';
import { usePrefersDark } from '../hooks/use-prefers-dark';
import { describeHistory, toSeries } from '../lib/chart-data';
import { readChartColors } from '../lib/chart-colors';
import { CHART_HEIGHT, chartOptions, type ChartInputs } from '../lib/chart-options';
import { formatClock, formatCount } from '../../shared/format';

interface HistoryChartProps {
  history: History;
  now: number;
}

export function HistoryChart({ history, now }: HistoryChartProps) {
  const dark = usePrefersDark();
  const box = useRef<HTMLDivElement>(null);
  const readout = useRef<HTMLParagraphElement>(null);
  const chart = useRef<uPlot | null>(null);
  const live = useRef<ChartInputs>({ range: history.range, now, markers: history.markers });
  const data = useMemo(() => toSeries(history.points), [history.points]);
  const description = useMemo(() => describeHistory(history, now), [history, now]);

  useEffect(() => {
    live.current = { range: history.range, now, markers: history.markers };
  }, [history, now]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const options = chartOptions(element.clientWidth, readChartColors(element), live);
    options.hooks = {
      setCursor: [
        (u) => {
          const index = u.cursor.idx;
          const target = readout.current;
          if (!target) return;
          const t = index === null || index === undefined ? undefined : u.data[0][index];
          const fin = index == null ? undefined : u.data[1]?.[index];
          const est = index == null ? undefined : u.data[2]?.[index];
          target.textContent =
            t === undefined || fin == null
              ? '\u00a0'
              : `${formatClock(t)}: ${formatCount(fin)} FIN_WAIT_1, ${formatCount(est ?? 0)} ESTABLISHED`;
        },
      ],
    };
    const instance = new uPlot(options, [[], [], []], element);
    chart.current = instance;
    const resize = new ResizeObserver(() =>
      instance.setSize({ width: element.clientWidth, height: CHART_HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.destroy();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data, now, dark]);

  return (
    <figure className="chart-figure">
      <div
        ref={box}
        className="chart"
        role="img"
        aria-label={description}
        data-testid="history-chart"
      />
      <p ref={readout} className="chart-readout" aria-hidden="true">
        {'\u00a0'}
      </p>
      <figcaption className="chart-caption" data-testid="history-summary">
        {description}
      </figcaption>
    </figure>
  );
}
