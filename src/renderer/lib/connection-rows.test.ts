import { describe, expect, it } from 'vitest';
import type { Connection, TcpState } from '../../shared/snapshot';
import { connectionKey, filterOptions, selectConnections } from './connection-rows';

function row(peer: string, state: TcpState, ageSeconds: number, sendQueue = 0): Connection {
  return {
    local: '192.168.1.2:50000',
    peer,
    state,
    sendQueue,
    recvQueue: 0,
    pid: 106,
    process: 'apsd',
    attributedBy: 'process apsd',
    firstSeen: '2026-03-12T09:00:00.000Z',
    ageSeconds,
  };
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

describe('filterOptions', () => {
  it('lists FIN_WAIT_1 first and only states that are present', () => {
    const options = filterOptions({ ESTABLISHED: 1, FIN_WAIT_1: 10412, LISTEN: 0 }, 10413);
    expect(options.map((o) => o.label)).toEqual([
      'All states (10,413)',
      'FIN_WAIT_1 (10,412)',
      'ESTABLISHED (1)',
    ]);
  });
});

describe('connectionKey', () => {
  it('is the 4-tuple', () => {
    expect(connectionKey(items[0]!)).toBe('192.168.1.2:50000>17.57.146.20:5223');
  });
});
