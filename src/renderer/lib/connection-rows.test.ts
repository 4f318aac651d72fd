import { describe, expect, it } from 'vitest';
import type { Connection, TcpState } from '../../shared/snapshot';
import { connectionKey, filterOptions } from './connection-rows';

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
