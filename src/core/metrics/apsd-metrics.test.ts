import { describe, expect, it } from 'vitest';
import {
  makeConnection,
  makeConnections,
  makeLogEvent,
  makeSnapshot,
} from '../../../test/support/snapshot-fixture';
import { createApsdMetrics, type ApsdMetrics } from './apsd-metrics';

async function value(metrics: ApsdMetrics, name: string, labels: Record<string, string> = {}) {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  if (!metric) throw new Error(`no metric ${name}`);
  const found = metric.values.find((v) =>
    Object.entries(labels).every(([key, wanted]) => v.labels[key] === wanted),
  );
  if (!found) throw new Error(`no ${name} with ${JSON.stringify(labels)}`);
  return found.value;
}

const line = (kind: 'trust-failure' | 'leaf-certificate', time: string) =>
  makeLogEvent({
    kind,
    time,
    message:
      kind === 'trust-failure' ? 'Failed to evaluate trust' : 'Unrecognized leaf certificate',
  });

describe('apsd metrics from snapshots', () => {
  it('gives the snapshot figures as gauges, with every state present', async () => {
    const metrics = createApsdMetrics({ version: '9.9.9', processMetrics: false });
    const items = makeConnections(41); // 1 ESTABLISHED, 40 FIN_WAIT_1
    const sendQ = items.reduce((sum, item) => sum + item.sendQueue, 0);
    const oldest = Math.max(
      ...items.filter((i) => i.state === 'FIN_WAIT_1').map((i) => i.ageSeconds),
    );
    // A pile-up of 40 above a minimum of 12 for 10 minutes: the engine's own detector and verdict.
    const snapshot = makeSnapshot({
      connections: { items },
      spike: { minCount: 12, spikingSince: '2026-05-07T21:44:23.000Z' },
      daemon: { running: false },
    });
    expect(snapshot.spike.active).toBe(true);
    expect(snapshot.verdict.level).toBe('alert');
    metrics.observe(snapshot);
    expect(await value(metrics, 'apsd_connections', { state: 'FIN_WAIT_1' })).toBe(40);
    expect(await value(metrics, 'apsd_connections', { state: 'ESTABLISHED' })).toBe(1);
    expect(await value(metrics, 'apsd_connections', { state: 'CLOSE_WAIT' })).toBe(0);
    expect(await value(metrics, 'apsd_fin_wait_1_send_queue_bytes')).toBe(sendQ);
    expect(await value(metrics, 'apsd_fin_wait_1_oldest_age_seconds')).toBe(oldest);
    expect(await value(metrics, 'apsd_fin_wait_1_spike_threshold')).toBe(snapshot.spike.threshold);
    expect(snapshot.spike.threshold).toBeGreaterThanOrEqual(12);
    expect(await value(metrics, 'apsd_fin_wait_1_spike_active')).toBe(1);
    expect(await value(metrics, 'apsd_watch_verdict_level')).toBe(2);
    expect(await value(metrics, 'apsd_up')).toBe(0);
    expect(await value(metrics, 'apsd_watch_build_info', { version: '9.9.9' })).toBe(1);
    // No default process metrics unless asked (the textfile), and no address or pid in any label.
    const text = await metrics.exposition();
    expect(text).not.toMatch(/^process_/m);
    expect(text).not.toMatch(/17\.57\.|192\.168\.|pid=/);
  });

  it('grows counters by what changed between snapshots: churn, log lines, restarts, failures', async () => {
    const metrics = createApsdMetrics({ version: '1', processMetrics: true });
    const link = makeConnection();
    const a = makeConnection({ local: '192.168.1.20:50001', state: 'FIN_WAIT_1' });
    const b = makeConnection({ local: '192.168.1.20:50002', state: 'FIN_WAIT_1' });
    const c = makeConnection({ local: '192.168.1.20:50003', state: 'FIN_WAIT_1' });
    const t1 = '2026-05-07T21:00:00.000Z';
    const t2 = '2026-05-07T21:30:00.000Z';
    metrics.observe(makeSnapshot({ connections: { items: [link, a] } }));
    expect(await value(metrics, 'apsd_connections_opened_total')).toBe(0); // the first sets the baseline
    metrics.observe(
      makeSnapshot({
        connections: { items: [link, b, c] },
        logs: { recent: [line('leaf-certificate', t1), line('trust-failure', t2)] },
        daemon: { restartedAt: t1 },
      }),
    );
    metrics.observe(
      makeSnapshot({
        connections: { items: [] },
        logs: { recent: [line('leaf-certificate', t1), line('trust-failure', t2)] },
        daemon: { restartedAt: t1 },
        source: { sockets: { status: 'failed' }, logs: { status: 'failed' } },
      }),
    );
    expect(await value(metrics, 'apsd_connections_opened_total')).toBe(2);
    // The failed sample saw nothing: the last good counts stay, not zeros that read as "offline".
    expect(await value(metrics, 'apsd_connections', { state: 'FIN_WAIT_1' })).toBe(2);
    expect(await value(metrics, 'apsd_connections', { state: 'ESTABLISHED' })).toBe(1);
    expect(await value(metrics, 'apsd_log_lines_total', { kind: 'trust-failure' })).toBe(1);
    expect(await value(metrics, 'apsd_log_lines_total', { kind: 'leaf-certificate' })).toBe(1);
    expect(await value(metrics, 'apsd_log_lines_total', { kind: 'other' })).toBe(0);
    expect(await value(metrics, 'apsd_last_trust_failure_timestamp_seconds')).toBe(
      Date.parse(t2) / 1000,
    );
    expect(await value(metrics, 'apsd_restarts_total')).toBe(1);
    expect(await value(metrics, 'apsd_watch_samples_total')).toBe(3);
    expect(await value(metrics, 'apsd_watch_sample_failures_total', { part: 'sockets' })).toBe(1);
    expect(await value(metrics, 'apsd_watch_sample_failures_total', { part: 'logs' })).toBe(1);
    expect(await value(metrics, 'apsd_watch_sample_failures_total', { part: 'daemon' })).toBe(0);
    expect(await metrics.exposition()).toMatch(/^process_cpu_seconds_total /m);
  });
});
