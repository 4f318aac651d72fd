import { describe, expect, it } from 'vitest';
import type { Connection, TcpState } from './snapshot';
import {
  createConnectionPager,
  DEFAULT_SORT,
  MAX_PAGE_ROWS,
  PUSHED_ROWS,
  queryConnections,
  selectConnections,
  viewSnapshot,
  type ConnectionsQuery,
} from './connection-query';
import { makeConnection, makeConnections, makeSnapshot } from '../../test/support/snapshot-fixture';

function row(peer: string, state: TcpState, ageSeconds: number, sendQueue = 0): Connection {
  return makeConnection({ local: '192.168.1.2:50000', peer, state, sendQueue, ageSeconds });
}

const items = [
  row('17.57.146.20:5223', 'ESTABLISHED', 9000),
  row('17.57.146.21:5223', 'FIN_WAIT_1', 600, 1448),
  row('17.57.146.22:5223', 'FIN_WAIT_1', 1200, 0),
  row('17.57.146.23:5223', 'TIME_WAIT', 10),
];

describe('selectConnections', () => {
  it('filters by state and sorts oldest first', () => {
    const rows = selectConnections(items, 'FIN_WAIT_1', { key: 'age', descending: true });
    expect(rows.map((r) => r.peer)).toEqual(['17.57.146.22:5223', '17.57.146.21:5223']);
  });

  it('sorts by send queue, peer and state in either direction', () => {
    expect(
      selectConnections(items, 'all', { key: 'sendQueue', descending: true })[0]?.sendQueue,
    ).toBe(1448);
    expect(selectConnections(items, 'all', { key: 'peer', descending: false })[0]?.peer).toBe(
      '17.57.146.20:5223',
    );
    expect(
      selectConnections(items, 'all', { key: 'state', descending: false }).map((r) => r.state),
    ).toEqual(['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_1', 'TIME_WAIT']);
  });

  it('never mutates the snapshot it was given', () => {
    const before = items.map((r) => r.peer);
    selectConnections(items, 'all', { key: 'age', descending: false });
    expect(items.map((r) => r.peer)).toEqual(before);
  });

  it('handles ten thousand rows', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      row(`17.57.${i >> 8}.${i & 255}:5223`, i % 3 ? 'FIN_WAIT_1' : 'ESTABLISHED', i),
    );
    const rows = selectConnections(many, 'FIN_WAIT_1', { key: 'age', descending: true });
    expect(rows).toHaveLength(6666);
    expect(rows[0]?.ageSeconds).toBe(9998);
  });
});

describe('queryConnections', () => {
  const big = makeSnapshot({ connections: { items: makeConnections(10_000) } });

  it('returns one window of the filtered, sorted rows with the filtered total', () => {
    const page = queryConnections(big, {
      state: 'FIN_WAIT_1',
      sort: { key: 'age', descending: true },
      offset: 9_990,
      limit: 50,
    });
    expect(page.takenAt).toBe(big.takenAt);
    expect(page.total).toBe(9_999);
    expect(page.offset).toBe(9_990);
    expect(page.items).toHaveLength(9);
    expect(page.items.every((item) => item.state === 'FIN_WAIT_1')).toBe(true);
    // Ages grow with the fixture's index: the youngest FIN_WAIT_1 (index 1) is last when oldest first.
    expect(page.items.at(-1)?.peer).toBe(big.connections.items[1]?.peer);
  });

  it('reaches the last row of all states in ascending order from offset 0', () => {
    const page = queryConnections(big, {
      state: 'all',
      sort: { key: 'age', descending: false },
      offset: 0,
      limit: 2,
    });
    expect(page.total).toBe(10_000);
    expect(page.items.map((item) => item.state)).toEqual(['ESTABLISHED', 'FIN_WAIT_1']);
  });

  it('never returns more than the page limit, even when asked', () => {
    const page = queryConnections(big, {
      state: 'all',
      sort: { key: 'peer', descending: false },
      offset: 0,
      limit: 10_000,
    });
    expect(page.items).toHaveLength(MAX_PAGE_ROWS);
  });

  it('answers an empty page before the first snapshot and past the end', () => {
    const query: ConnectionsQuery = {
      state: 'all',
      sort: { key: 'age', descending: true },
      offset: 20,
      limit: 10,
    };
    expect(queryConnections(null, query)).toEqual({
      takenAt: null,
      total: 0,
      offset: 20,
      items: [],
    });
    expect(queryConnections(makeSnapshot(), query).items).toEqual([]);
  });
});

describe('viewSnapshot', () => {
  it('keeps the most urgent rows and every count of a big snapshot', () => {
    const big = makeSnapshot({ connections: { items: makeConnections(10_000) } });
    const view = viewSnapshot(big);
    expect(view.connections.items).toEqual(big.connections.items.slice(0, PUSHED_ROWS));
    expect(view.connections.total).toBe(10_000);
    expect(view.connections.byState).toEqual(big.connections.byState);
    expect({ ...view, connections: null }).toEqual({ ...big, connections: null });
    expect(big.connections.items).toHaveLength(10_000);
  });

  it('returns a small snapshot as it is', () => {
    const calm = makeSnapshot();
    expect(viewSnapshot(calm)).toBe(calm);
    expect(viewSnapshot(calm, 1).connections.items).toHaveLength(1);
  });
});

describe('createConnectionPager', () => {
  it('answers every page exactly as queryConnections does, across views and snapshots', () => {
    const pager = createConnectionPager();
    const first = makeSnapshot({ connections: { items: makeConnections(300) } });
    const second = makeSnapshot({ connections: { items: makeConnections(120) } });
    const queries: ConnectionsQuery[] = [
      { state: 'all', sort: DEFAULT_SORT, offset: 0, limit: 100 },
      { state: 'all', sort: DEFAULT_SORT, offset: 100, limit: 100 },
      { state: 'FIN_WAIT_1', sort: { key: 'sendQueue', descending: true }, offset: 0, limit: 50 },
      { state: 'all', sort: { key: 'peer', descending: false }, offset: 250, limit: 100 },
    ];
    for (const snapshot of [first, second, first])
      for (const query of queries)
        expect(pager(snapshot, query)).toEqual(queryConnections(snapshot, query));
    expect(pager(null, queries[0]!)).toEqual(queryConnections(null, queries[0]!));
  });
});
