/** `apsd-watch serve`: the engine plus the loopback dashboard, until Ctrl-C. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../../core/engine';
import { metricsForEngine } from '../../core/metrics/apsd-metrics';
import {
  startMetricsEndpoint,
  type MetricsEndpoint,
  type MetricsListen,
} from '../../core/metrics/metrics-endpoint';
import { startDashboardServer, type DashboardServer } from '../../server/dashboard-server';
import { UsageError, type CliCommand, type ParsedValues } from '../command';
import { engineFlags, engineOptionsFromFlags } from '../engine-flags';
import { metricsFlags, metricsListenFromFlags } from '../metrics-flags';
import { APP_VERSION } from '../version';
import { MAX_PORT, parsePortText } from '../../shared/port';

/** Where `npm run build` puts the page: beside the bundled CLI (out/cli), or from the source tree. */
const RENDERER_CANDIDATES = ['../renderer', '../../../out/renderer'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);

export const serveCommand: CliCommand = {
  flags: {
    'http-port': {
      value: 'N',
      description: 'The port the dashboard listens on, on 127.0.0.1 only.',
      default: 'a free port, printed',
    },
    'no-dashboard': {
      description: 'Serve only the metrics: no dashboard, and no dashboard URL printed.',
    },
    ...metricsFlags,
    ...engineFlags,
  },
  notes: [
    'The dashboard URL carries a token: keep it private. Set APSD_WATCH_RENDERER_DIR to serve a page built elsewhere (default: out/renderer).',
  ],
  async run(values, _positionals, io) {
    const httpPort = parseHttpPort(values['http-port']);
    const metricsListen = await metricsListenFromFlags(values);
    // A LaunchDaemon serving a fleet's scraper wants no dashboard URL (and token) in its log.
    const dashboard = values['no-dashboard'] !== true;
    if (!dashboard && !metricsListen)
      throw new UsageError(
        '--no-dashboard: nothing left to serve; add --metrics or --metrics-listen',
      );
    if (!dashboard && values['http-port'] !== undefined)
      throw new UsageError('--no-dashboard and --http-port: give one, not both');
    const engine = createEngine({
      ...engineOptionsFromFlags(values, io.env),
      appVersion: APP_VERSION,
    });
    let lastWarning = '';
    engine.on('warning', (warning) => {
      if (warning !== lastWarning) io.stderr.write(`apsd-watch serve: warning: ${warning}\n`);
      lastWarning = warning;
    });
    await engine.start();
    const metrics = metricsListen
      ? metricsForEngine(engine, { version: APP_VERSION, processMetrics: true })
      : null;
    let server: DashboardServer | null = null;
    let endpoint: MetricsEndpoint | null = null;
    try {
      if (dashboard)
        server = await startDashboardServer({
          engine,
          port: httpPort,
          rendererDir: io.env.APSD_WATCH_RENDERER_DIR ?? findRendererDir(),
        });
      if (metrics && metricsListen)
        endpoint = await startMetricsEndpoint(metrics.metrics, metricsListen);
    } catch (error) {
      await server?.close();
      metrics?.detach();
      await engine.stop();
      throw error;
    }
    io.stdout.write(
      [
        ...(server
          ? [
              `Dashboard: ${server.url}`,
              `Listening on 127.0.0.1:${server.port} only (loopback); the token in the URL is the key, keep it private.`,
              `To watch this Mac from another machine, tunnel the same port number: ssh -L ${server.port}:127.0.0.1:${server.port} <this-mac>, then open the URL there.`,
            ]
          : []),
        ...(endpoint && metricsListen ? [metricsLine(endpoint, metricsListen)] : []),
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
    await io.interrupted;
    await endpoint?.close();
    metrics?.detach();
    await server?.close();
    await engine.stop();
    io.stderr.write('apsd-watch serve: stopped.\n');
    return 0;
  },
};

function metricsLine(endpoint: MetricsEndpoint, listen: MetricsListen): string {
  return listen.kind === 'loopback'
    ? `Metrics: ${endpoint.url} (Prometheus text format; 127.0.0.1 only, no token).`
    : `Metrics: ${endpoint.url} (Prometheus text format; every scrape must send the bearer token from the token file).`;
}

function parseHttpPort(raw: ParsedValues[string]): number {
  if (raw === undefined) return 0;
  const text = String(raw);
  const port = parsePortText(text, 0);
  if (port === null)
    throw new UsageError(`--http-port: expected a port number 0-${MAX_PORT}, got '${text}'`);
  return port;
}

function findRendererDir(): string {
  return (
    RENDERER_CANDIDATES.find((dir) => existsSync(`${dir}/index.html`)) ?? RENDERER_CANDIDATES[0]!
  );
}
