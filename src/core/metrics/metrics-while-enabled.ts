/**
 * The menu-bar app's `/metrics`: served on 127.0.0.1 while the settings say so, moved when the port
 * changes and closed when turned off. Settings changes always trigger a sample, so checking after
 * each snapshot follows them without a restart.
 */
import type { Engine } from '../engine-api';
import { metricsForEngine } from './apsd-metrics';
import { startMetricsEndpoint, type MetricsEndpoint } from './metrics-endpoint';
import { errorLine } from '../../shared/error-line';

export interface MetricsWhileEnabled {
  /** The endpoint in use now; null while off (or when it could not listen). */
  current(): MetricsEndpoint | null;
  /** Resolves once the endpoint matches the settings in force now. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function serveMetricsWhileEnabled(
  engine: Engine,
  options: { version: string; onError: (line: string) => void },
): MetricsWhileEnabled {
  const { metrics, detach } = metricsForEngine(engine, {
    version: options.version,
    processMetrics: true,
  });
  let endpoint: MetricsEndpoint | null = null;
  let servedPort: number | null = null;
  /** The settings whose port failed to listen: said once, tried again after any settings update. */
  let failedFor: object | null = null;
  let stopped = false;
  let queue = Promise.resolve();

  const reconcile = () => {
    queue = queue.then(async () => {
      const wanted = stopped ? null : engine.settings().metrics;
      const port = wanted?.enabled ? wanted.port : null;
      if (port === servedPort) return;
      await endpoint?.close();
      endpoint = null;
      servedPort = null;
      if (port === null || wanted === failedFor) return;
      try {
        endpoint = await startMetricsEndpoint(metrics, { kind: 'loopback', port });
        servedPort = port;
        failedFor = null;
      } catch (error) {
        failedFor = wanted;
        options.onError(errorLine(error));
      }
    });
    return queue;
  };
  const onSnapshot = () => void reconcile();
  engine.on('snapshot', onSnapshot);
  void reconcile();

  return {
    current: () => endpoint,
    settled: () => reconcile(),
    async stop() {
      stopped = true;
      engine.off('snapshot', onSnapshot);
      detach();
      await reconcile();
    },
  };
}
