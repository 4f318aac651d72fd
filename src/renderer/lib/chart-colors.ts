/** Canvas colours come from the stylesheet's custom properties, so light/dark live in one place. */

export interface ChartColors {
  finWait1: string;
  finWait1Fill: string;
  established: string;
  grid: string;
  axis: string;
  font: string;
  markers: { 'trust-failure': string; 'leaf-certificate': string; spike: string };
}

export function readChartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    finWait1: read('--chart-fin', '#ff9500'),
    finWait1Fill: read('--chart-fin-fill', 'rgba(255, 149, 0, 0.12)'),
    established: read('--chart-est', '#34c759'),
    grid: read('--chart-grid', 'rgba(0, 0, 0, 0.07)'),
    axis: read('--chart-axis', '#6e6e73'),
    font: `10px ${style.fontFamily || 'system-ui'}`,
    markers: {
      'trust-failure': read('--marker-trust', '#ff3b30'),
      'leaf-certificate': read('--marker-leaf', '#af52de'),
      spike: read('--marker-spike', '#ff9500'),
    },
  };
}
