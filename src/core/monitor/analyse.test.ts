import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/support/fixtures';
import { makeSocketRow } from '../../../test/support/snapshot-fixture';
import { APSD_RULES, DEFAULT_SETTINGS } from '../../shared/settings';
import type { SocketRow } from '../../shared/snapshot';
import { parseSocketCapture } from '../sockets/socket-capture';
import type { SocketSample } from '../sockets/socket-sampler';
import { analyse, createPipelineState, type PipelineSample } from './analyse';
import { buildOfflineSnapshot } from './offline-snapshot';
import { emptyLogs } from './snapshot-assembly';

const T0 = Date.parse('2026-05-07T21:00:00.000Z');
const settings = { rules: APSD_RULES, spike: { minCount: 10, sensitivity: 'normal' as const } };

/** `count` FIN_WAIT_1 sockets to Apple, owner unknown: attributed by peer port and range. */
const finWait1Rows = (count: number): SocketRow[] =>
  Array.from({ length: count }, (_, i) =>
    makeSocketRow({
      localPort: 50_000 + i,
      state: 'FIN_WAIT_1',
      sendQueue: 517,
      pid: null,
      process: null,
    }),
  );

function liveSample(rows: SocketRow[], at: Date, status: SocketSample['status'] = 'ok') {
  const sample: SocketSample = {
    rows,
    from: 'ss -tan',
    status,
    detail: status === 'failed' ? 'ss: exited 1' : null,
    durationMs: 3.14159,
    at,
    warnings: [],
  };
  return {
    now: at,
    intervalSeconds: 10,
    sockets: { kind: 'live', sample },
    daemon: { kind: 'checked', check: null },
    logs: {
      summary: emptyLogs(),
      source: { status: 'starting', from: 'none', linesRead: 0, detail: null },
    },
    notifications: DEFAULT_SETTINGS.notifications,
    warnings: [],
  } satisfies PipelineSample;
}

describe('analyse', () => {
  it('gives a saved capture and a live sample of the same rows the same connections and verdict', () => {
    const capture = parseSocketCapture(readFixture('netstat/macos-26-anv-p-tcp.txt'));
    const now = new Date(T0);
    const offline = buildOfflineSnapshot({
      rules: APSD_RULES,
      sockets: { rows: capture.rows, from: 'capture.txt (netstat)' },
      logs: { skipped: 'not part of this test' },
      daemonSkipped: 'not checked',
      warnings: [],
      now,
    });
    const live = analyse(liveSample(capture.rows, now), createPipelineState(DEFAULT_SETTINGS));
    expect(offline.connections.total).toBeGreaterThan(0);
    expect(live.snapshot.connections).toEqual(offline.connections);
    expect(live.snapshot.source.sockets.rowsRead).toBe(capture.rows.length);
    expect(offline.source.sockets.rowsRead).toBe(capture.rows.length);
    expect(live.snapshot.source.sockets.rowsAttributed).toBe(offline.connections.total);
    expect(live.snapshot.verdict.level).toBe(offline.verdict.level);
    // One saved moment teaches the detector nothing; a live one is learned from.
    expect(offline.spike.baselineSamples).toBe(0);
    expect(live.snapshot.spike.baselineSamples).toBe(1);
    expect(offline.source.daemon).toEqual({ status: 'skipped', from: 'not checked', detail: null });
    expect(live.snapshot.source.sockets.durationMs).toBe(3.1);
  });

  it('asks for one history point per live sample, and one marker and notification per spike', () => {
    const state = createPipelineState(settings);
    const counts = [2, 2, 2, 2, 2, 2, 2, 2, 80, 80, 80, 80, 80];
    const results = counts.map((count, i) =>
      analyse(liveSample(finWait1Rows(count), new Date(T0 + i * 10_000)), state),
    );
    const all = results.flatMap((r) => r.events);
    expect(all.filter((e) => e.kind === 'history-point')).toHaveLength(counts.length);
    const markers = all.filter((e) => e.kind === 'history-marker');
    const notices = all.filter((e) => e.kind === 'notification');
    expect(markers).toHaveLength(1);
    expect(notices).toHaveLength(1);
    // The detector needs three samples in a row above the threshold: the 80s start at index 8.
    const startedAt = results.findIndex((r) => r.events.some((e) => e.kind === 'notification'));
    expect(startedAt).toBe(10);
    expect(results[startedAt]!.snapshot.spike.active).toBe(true);
    expect(results[startedAt]!.snapshot.verdict.level).toBe('alert');
    expect(notices[0]!.kind === 'notification' && notices[0]!.notification.title).toBe(
      '80 apsd connections stuck in FIN_WAIT_1',
    );
  });

  it('keeps a spike notification out when the user turned it off, and still marks the chart', () => {
    const state = createPipelineState(settings);
    const counts = [2, 2, 2, 2, 2, 2, 80, 80, 80];
    const events = counts.flatMap((count, i) => {
      const sample = liveSample(finWait1Rows(count), new Date(T0 + i * 10_000));
      return analyse({ ...sample, notifications: { spike: false, trustFailure: true } }, state)
        .events;
    });
    expect(events.filter((e) => e.kind === 'history-marker')).toHaveLength(1);
    expect(events.filter((e) => e.kind === 'notification')).toHaveLength(0);
  });

  it('reports a failed sample as such: no connections, no history, the detector untouched', () => {
    const state = createPipelineState(settings);
    const { snapshot, events } = analyse(
      liveSample(finWait1Rows(5), new Date(T0), 'failed'),
      state,
    );
    expect(events).toEqual([]);
    expect(snapshot.connections.total).toBe(0);
    expect(snapshot.source.sockets).toMatchObject({ status: 'failed', rowsAttributed: 0 });
    expect(snapshot.spike.baselineSamples).toBe(0);
  });
});

describe('analyse with the daemon check', () => {
  // A real `netstat -anv -p TCP` from before macOS 26: pids, no names (find-process #78's paste).
  // Its rows of pid 422, counted with awk: 1, to 10.20.13.51:8000, neither a watched port nor range.
  const rows = parseSocketCapture(
    readFixture('real/netstat/macos-2014-anv-p-tcp.find-process.txt'),
  ).rows;
  const running = (pid: number) => ({
    status: 'ok' as const,
    from: 'ps',
    detail: null,
    host: { platform: 'darwin', osName: 'macOS', osVersion: '10.9' },
    daemon: {
      name: 'apsd',
      running: true,
      pid,
      cpuPercent: 0,
      memoryBytes: 1,
      startedAt: null,
      restartedAt: null,
    },
  });

  it("attributes a live row by the pid the process list names as the daemon's", () => {
    const sample = liveSample(rows, new Date(T0));
    const withCheck = { ...sample, daemon: { kind: 'checked' as const, check: running(422) } };
    const { snapshot } = analyse(withCheck, createPipelineState(settings));
    const mine = snapshot.connections.items.filter((i) => i.pid === 422);
    expect(mine.map((i) => [i.peer, i.attributedBy])).toEqual([
      ['10.20.13.51:8000', 'process apsd (pid 422, from ps)'],
    ]);
    const without = analyse(sample, createPipelineState(settings)).snapshot;
    expect(without.connections.items.some((i) => i.pid === 422)).toBe(false);
  });

  it("never applies this machine's pids to a saved capture", () => {
    const offline = buildOfflineSnapshot({
      rules: APSD_RULES,
      sockets: { rows, from: 'capture.txt (netstat)' },
      logs: { skipped: 'not part of this test' },
      daemonSkipped: 'the capture may come from another machine',
      warnings: [],
    });
    expect(offline.connections.items.some((i) => i.pid === 422)).toBe(false);
  });
});
