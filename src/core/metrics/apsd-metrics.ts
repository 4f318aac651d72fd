/**
 * The engine's snapshots as Prometheus metrics, one prom-client Registry per engine. Names follow
 * Prometheus conventions (base units, `_total` counters); labels are low-cardinality only (state,
 * kind, part), never an address or a pid, so a fleet of Macs stays cheap to scrape and store.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { CLIENT_STATUS_KINDS } from '../../shared/push-clients';
import { courierConnected, mdmPushStatus } from '../../shared/service-rows';
import type { EngineEvents } from '../engine-api';
import {
  LOG_KINDS,
  TCP_STATES,
  type Snapshot,
  VERDICT_RANK,
  type SourceInfo,
} from '../../shared/snapshot';

/**
 * Gauges prom-client's defaults name with `_total`, which promtool rejects (the suffix is for
 * counters); `nodejs_active_handles` etc., by type, carry the same counts.
 */
const MISNAMED_DEFAULTS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

const SOURCE_PARTS = ['sockets', 'logs', 'daemon'] as const satisfies readonly (keyof SourceInfo)[];

export interface ApsdMetricsOptions {
  /** apsd-watch's version, for `apsd_watch_build_info`. */
  version: string;
  /**
   * The client library's default process and Node.js metrics (CPU, memory, event loop). Off for
   * the textfile: they would describe a process that has exited, and node_exporter exposes
   * `process_*` for itself, which the textfile must not collide with.
   */
  processMetrics: boolean;
}

export interface ApsdMetrics {
  readonly registry: Registry;
  /** Folds one snapshot in: gauges take its values, counters grow by what changed since the last. */
  observe(snapshot: Snapshot): void;
  /** The Prometheus text exposition format (the registry's content type). */
  exposition(): Promise<string>;
}

export function createApsdMetrics(options: ApsdMetricsOptions): ApsdMetrics {
  const registry = new Registry();
  if (options.processMetrics) {
    collectDefaultMetrics({ register: registry });
    for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  }
  const m = defineMetrics(registry);
  new Gauge({
    name: 'apsd_watch_build_info',
    help: 'Always 1; the version label says which apsd-watch exposes these metrics.',
    labelNames: ['version'],
    registers: [registry],
  }).set({ version: options.version }, 1);

  let previous: Snapshot | null = null;
  /** The previous good sample's 4-tuples; null until the first, which sets the baseline. */
  let seenTuples: Set<string> | null = null;

  return {
    registry,
    exposition: () => registry.metrics(),
    observe(snapshot) {
      const c = snapshot.connections;
      const sampled = snapshot.source.sockets.status !== 'failed';
      // A failed sample knows no connections: keep the last good figures (the sample timestamp
      // and the failure counter say they are old) rather than report zero, which would read as
      // "apsd not connected".
      if (sampled) {
        for (const state of TCP_STATES) m.connections.set({ state }, c.byState[state] ?? 0);
        m.finWait1Bytes.set(c.finWait1.sendQueueBytes);
        m.finWait1OldestAge.set(c.finWait1.oldestAgeSeconds ?? 0);
      }
      m.spikeThreshold.set(snapshot.spike.threshold);
      m.spikeActive.set(snapshot.spike.active ? 1 : 0);
      m.verdict.set(VERDICT_RANK[snapshot.verdict.level]);
      m.daemonUp.set(snapshot.daemon.running ? 1 : 0);
      const trustFailure = snapshot.logs.periodicity['trust-failure'].lastSeen;
      m.lastTrustFailure.set(trustFailure ? Date.parse(trustFailure) / 1000 : 0);

      m.samples.inc();
      for (const part of SOURCE_PARTS)
        if (snapshot.source[part].status === 'failed') m.sampleFailures.inc({ part });
      if (sampled) {
        m.lastSample.set(Date.parse(snapshot.source.sockets.at ?? snapshot.takenAt) / 1000);
        // Churn: 4-tuples that were not in the previous good sample.
        const tuples = new Set(c.items.map((item) => `${item.local} ${item.peer}`));
        if (seenTuples) {
          let opened = 0;
          for (const tuple of tuples) if (!seenTuples.has(tuple)) opened += 1;
          m.opened.inc(opened);
        }
        seenTuples = tuples;
      }

      for (const kind of LOG_KINDS) {
        // byKind counts every line since the log source started; a restarted source starts at 0.
        const grown = snapshot.logs.byKind[kind] - (previous?.logs.byKind[kind] ?? 0);
        if (grown > 0) m.logLines.inc({ kind }, grown);
      }
      observePushClients(m, snapshot);
      const restartedAt = snapshot.daemon.restartedAt;
      if (restartedAt && restartedAt !== previous?.daemon.restartedAt) m.restarts.inc();
      previous = snapshot;
    },
  };
}

/**
 * apsd's client list, low-cardinality only: clients by status, whether the MDM push client is
 * connected, its last push time. No topic, client name or token is ever a label. A failed read
 * keeps the last good figures; `apsd_push_clients_read` says whether they are fresh.
 */
function observePushClients(m: ReturnType<typeof defineMetrics>, snapshot: Snapshot): void {
  const push = snapshot.pushClients;
  m.pushClientsRead.set(push?.status === 'ok' ? 1 : 0);
  if (!push || push.status !== 'ok') return;
  for (const status of CLIENT_STATUS_KINDS)
    m.pushClients.set({ status }, push.clients.filter((c) => c.statusKind === status).length);
  const courier = courierConnected(push);
  m.courierConnected.set(courier === true ? 1 : 0);
  const mdm = mdmPushStatus(push);
  m.mdmPresent.set(mdm.state === 'no-mdm-client' ? 0 : 1);
  m.mdmConnected.set(mdm.state === 'connected' ? 1 : 0);
  m.mdmLastPush.set(mdm.lastPushAt ? Date.parse(mdm.lastPushAt) / 1000 : 0);
}

/** Attaches a fresh set of metrics to an engine's snapshot stream; returns them and a detach. */
export function metricsForEngine(
  engine: {
    on(event: 'snapshot', listener: (...args: EngineEvents['snapshot']) => void): unknown;
    off(event: 'snapshot', listener: (...args: EngineEvents['snapshot']) => void): unknown;
    latest(): Snapshot | null;
  },
  options: ApsdMetricsOptions,
): { metrics: ApsdMetrics; detach(): void } {
  const metrics = createApsdMetrics(options);
  const latest = engine.latest();
  if (latest) metrics.observe(latest);
  const listener = (snapshot: Snapshot) => metrics.observe(snapshot);
  engine.on('snapshot', listener);
  return { metrics, detach: () => void engine.off('snapshot', listener) };
}

function defineMetrics(registry: Registry) {
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers });
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers });
  const metrics = {
    connections: gauge(
      'apsd_connections',
      "The watched daemon's TCP connections by state (macOS netstat's state names).",
      ['state'],
    ),
    finWait1Bytes: gauge(
      'apsd_fin_wait_1_send_queue_bytes',
      'Bytes left unsent (Send-Q) on FIN_WAIT_1 connections, summed.',
    ),
    finWait1OldestAge: gauge(
      'apsd_fin_wait_1_oldest_age_seconds',
      'How long the oldest FIN_WAIT_1 connection has lingered, as seen by apsd-watch; 0 when none.',
    ),
    spikeThreshold: gauge(
      'apsd_fin_wait_1_spike_threshold',
      'The FIN_WAIT_1 count a sample must exceed to count toward a pile-up (learned level, never below the minimum).',
    ),
    spikeActive: gauge(
      'apsd_fin_wait_1_spike_active',
      '1 while a FIN_WAIT_1 pile-up is sustained (3 samples in a row above the threshold), else 0.',
    ),
    opened: counter(
      'apsd_connections_opened_total',
      'Connections seen for the first time since apsd-watch started watching (reconnect churn).',
    ),
    logLines: counter(
      'apsd_log_lines_total',
      "The daemon's log lines read, by kind (trust-failure is what an interception looks like).",
      ['kind'],
    ),
    lastTrustFailure: gauge(
      'apsd_last_trust_failure_timestamp_seconds',
      'Unix time of the newest trust-failure log line read; 0 when none was seen.',
    ),
    daemonUp: gauge('apsd_up', '1 when the watched daemon (apsd) is running, else 0.'),
    restarts: counter(
      'apsd_restarts_total',
      "Times the watched daemon's pid changed while apsd-watch was watching.",
    ),
    verdict: gauge('apsd_watch_verdict_level', "apsd-watch's verdict: 0 ok, 1 watch, 2 alert."),
    samples: counter('apsd_watch_samples_total', 'Samples apsd-watch has taken.'),
    sampleFailures: counter(
      'apsd_watch_sample_failures_total',
      'Samples in which a part failed (sockets, logs or daemon facts).',
      ['part'],
    ),
    pushClientsRead: gauge(
      'apsd_push_clients_read',
      '1 when the last read of apsctl status succeeded, else 0 (the apsd_push_* figures are then the last good ones).',
    ),
    pushClients: gauge(
      'apsd_push_clients',
      "apsd's push clients (apps and daemons) by connection status, from apsctl status.",
      ['status'],
    ),
    courierConnected: gauge(
      'apsd_push_courier_connected',
      '1 when apsctl status names a courier apsd is connected to, else 0.',
    ),
    mdmPresent: gauge(
      'apsd_mdm_push_client_present',
      '1 when apsctl status lists a device management (MDM) push client, else 0.',
    ),
    mdmConnected: gauge(
      'apsd_mdm_push_connected',
      '1 when every MDM push client is connected, 0 when one is not (or none is listed).',
    ),
    mdmLastPush: gauge(
      'apsd_mdm_last_push_timestamp_seconds',
      'Unix time of the newest push an MDM client received, per apsctl status; 0 when none.',
    ),
    lastSample: gauge(
      'apsd_watch_last_sample_timestamp_seconds',
      'Unix time of the newest socket sample that did not fail.',
    ),
  };
  // Every label value exists from the start, so a rate or an alert sees 0, not an absent series.
  for (const kind of LOG_KINDS) metrics.logLines.inc({ kind }, 0);
  for (const part of SOURCE_PARTS) metrics.sampleFailures.inc({ part }, 0);
  for (const status of CLIENT_STATUS_KINDS) metrics.pushClients.set({ status }, 0);
  return metrics;
}
