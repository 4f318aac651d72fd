import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleSnapshot } from '../../src/core/monitor/snapshot-assembly';
import { describeWatchedPeers, APSD_RULES } from '../../src/shared/settings';
import {
  FIXTURE_TAKEN_AT,
  makeConnection,
  makeConnections,
  makeLogEvent,
  makeSnapshot,
} from './snapshot-fixture';

const minutesBefore = (minutes: number) =>
  new Date(Date.parse(FIXTURE_TAKEN_AT) - minutes * 60_000).toISOString();

describe('makeSnapshot', () => {
  it('is a calm Mac whose counts match its items', () => {
    const { connections, logs, source, takenAt } = makeSnapshot();
    expect(takenAt).toBe(FIXTURE_TAKEN_AT);
    expect(connections.items.map((item) => item.state)).toEqual([
      'ESTABLISHED',
      'FIN_WAIT_1',
      'FIN_WAIT_1',
    ]);
    expect(connections).toMatchObject({
      total: 3,
      byState: { ESTABLISHED: 1, FIN_WAIT_1: 2 },
      finWait1: { count: 2, sendQueueBytes: 1034, oldestAgeSeconds: 600 },
      established: { count: 1, longest: { peer: '17.57.146.23:5223', ageSeconds: 3 * 3600 } },
    });
    expect(source.sockets).toMatchObject({ rowsAttributed: 3, rowsRead: 40, at: takenAt });
    expect(logs.byKind).toEqual({
      'leaf-certificate': 0,
      'trust-failure': 0,
      connection: 0,
      other: 0,
    });
    expect(logs).toMatchObject({ first: null, last: null, recent: [] });
  });

  it('has the verdict the engine gives its parts, and a spike state a real detector reached', () => {
    const calm = makeSnapshot();
    expect(calm.spike).toMatchObject({ active: false, baseline: 2, threshold: 50 });
    expect(calm.spike.baselineSamples).toBe(21);
    const { verdict, ...parts } = calm;
    const again = assembleSnapshot({
      ...parts,
      now: new Date(calm.takenAt),
      daemonName: 'apsd',
      peersLabel: describeWatchedPeers(APSD_RULES),
    });
    expect(verdict).toEqual(again.verdict);
    expect(verdict.level).toBe('ok');
  });

  it('runs a pile-up through the detector: active since the run began, then alert', () => {
    const since = minutesBefore(20);
    const snapshot = makeSnapshot({
      connections: { items: makeConnections(413) },
      spike: { spikingSince: since, usual: 3 },
    });
    expect(snapshot.spike).toMatchObject({ active: true, since, baseline: 3, threshold: 50 });
    expect(snapshot.verdict.level).toBe('alert');
    // Back to the usual level at takenAt: one calm sample does not end the episode.
    const falling = makeSnapshot({ spike: { spikingSince: since } });
    expect(falling.spike.active).toBe(true);
    // A pile-up of a single sample is not a spike, whatever the count.
    const single = makeSnapshot({ connections: { items: makeConnections(413) } });
    expect(single.spike.active).toBe(false);
    expect(single.verdict.level).toBe('watch');
  });

  it('counts given items and log lines, and lets a given field win', () => {
    const lines = [
      makeLogEvent({ time: '2026-05-07T20:00:00.000Z' }),
      makeLogEvent({ time: '2026-05-07T21:00:00.000Z', kind: 'trust-failure' }),
      makeLogEvent({ time: '2026-05-07T19:00:00.000Z' }),
    ];
    const snapshot = makeSnapshot({
      connections: { items: makeConnections(5), finWait1: { sendQueueBytes: 7 } },
      logs: { recent: lines, periodicity: { 'leaf-certificate': { regularity: 0.5 } } },
    });
    expect(snapshot.connections.total).toBe(5);
    expect(snapshot.connections.finWait1).toEqual({
      count: 4,
      sendQueueBytes: 7,
      oldestAgeSeconds: 30 + 4 * 7,
    });
    expect(snapshot.source.sockets.rowsAttributed).toBe(5);
    expect(snapshot.logs.byKind).toMatchObject({ 'leaf-certificate': 2, 'trust-failure': 1 });
    expect(snapshot.logs.periodicity['leaf-certificate']).toEqual({
      count: 2,
      medianIntervalSeconds: 3600, // the aggregator's, from the two lines an hour apart
      regularity: 0.5,
      firstSeen: '2026-05-07T19:00:00.000Z',
      lastSeen: '2026-05-07T20:00:00.000Z',
    });
    expect([snapshot.logs.first, snapshot.logs.last]).toEqual([
      '2026-05-07T19:00:00.000Z',
      '2026-05-07T21:00:00.000Z',
    ]);
  });

  it('replaces arrays and null, merges objects, and keeps the rest of a part', () => {
    const snapshot = makeSnapshot({
      connections: { items: [], established: { longest: null } },
      daemon: { pid: 7 },
      warnings: ['one'],
    });
    expect(snapshot.connections).toMatchObject({ total: 0, byState: {}, items: [] });
    expect(snapshot.connections.established).toEqual({ count: 0, longest: null });
    expect(snapshot.daemon).toMatchObject({ pid: 7, name: 'apsd', running: true });
    expect(snapshot.warnings).toEqual(['one']);
  });

  it('moves its default times with takenAt', () => {
    const takenAt = '2030-01-01T12:00:00.000Z';
    const snapshot = makeSnapshot({ takenAt });
    expect(snapshot.daemon.startedAt).toBe('2029-12-31T23:00:00.000Z');
    expect(snapshot.source.sockets.at).toBe(takenAt);
    expect(snapshot.connections.items[1]!.firstSeen).toBe('2030-01-01T11:50:00.000Z');
  });

  it('gives every call its own objects, so a test may change what it gets', () => {
    const changed = makeSnapshot();
    changed.connections.items.push(makeConnection());
    changed.logs.periodicity.other.count = 9;
    changed.spike.active = true;
    expect(changed.logs.periodicity.connection.count).toBe(0);
    const fresh = makeSnapshot();
    expect(fresh.connections.items).toHaveLength(3);
    expect(fresh.logs.periodicity.other.count).toBe(0);
    expect(fresh.spike.active).toBe(false);
  });
});

describe('makeConnections', () => {
  it('puts the youngest, ESTABLISHED push link first, then ever older FIN_WAIT_1 sockets', () => {
    const items = makeConnections(4, '2030-01-01T12:00:00.000Z');
    expect(items.map((item) => [item.state, item.ageSeconds])).toEqual([
      ['ESTABLISHED', 30],
      ['FIN_WAIT_1', 37],
      ['FIN_WAIT_1', 44],
      ['FIN_WAIT_1', 51],
    ]);
    expect(items[3]!.firstSeen).toBe('2030-01-01T11:59:09.000Z');
    expect(new Set(items.map((item) => item.peer)).size).toBe(4);
  });
});

it("uses no Node or DOM API itself, as the renderer's tests import it too", () => {
  const source = readFileSync(new URL('snapshot-fixture.ts', import.meta.url), 'utf8');
  expect(source).not.toMatch(/from '(node:|fs|path|os|electron)/);
  expect(source).not.toMatch(/\b(window|document|process)\./);
});
