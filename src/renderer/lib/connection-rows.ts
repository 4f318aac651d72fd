/** The connections table's derived data: filter and sort, done once per snapshot, not per row. */
import { TCP_STATES, type Connection, type TcpState } from '../../shared/snapshot';
import { formatCount } from '../../shared/format';

export type StateFilter = TcpState | 'all';
export type SortKey = 'age' | 'sendQueue' | 'peer' | 'state';
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/** Oldest first: lingering sockets are what people come to look at. */
export const DEFAULT_SORT: SortOrder = { key: 'age', descending: true };

const stateRank = new Map<TcpState, number>(TCP_STATES.map((state, index) => [state, index]));

function compare(key: SortKey): (a: Connection, b: Connection) => number {
  switch (key) {
    case 'age':
      return (a, b) => a.ageSeconds - b.ageSeconds;
    case 'sendQueue':
      return (a, b) => a.sendQueue - b.sendQueue;
    case 'state':
      return (a, b) => (stateRank.get(a.state) ?? 99) - (stateRank.get(b.state) ?? 99);
    case 'peer':
      return (a, b) => (a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : 0);
  }
}

/** A new array, filtered then sorted (stable, so equal keys keep the engine's order). */
export function selectConnections(
  items: readonly Connection[],
  filter: StateFilter,
  sort: SortOrder,
): Connection[] {
  const rows = filter === 'all' ? items.slice() : items.filter((item) => item.state === filter);
  const ascending = compare(sort.key);
  rows.sort(sort.descending ? (a, b) => ascending(b, a) : ascending);
  return rows;
}

export interface FilterOption {
  value: StateFilter;
  label: string;
}

/** "All (10,412)", then each state present, FIN_WAIT_1 first, with its count. */
export function filterOptions(
  byState: Partial<Record<TcpState, number>>,
  total: number,
): FilterOption[] {
  const present = TCP_STATES.filter((state) => (byState[state] ?? 0) > 0).sort((a, b) =>
    a === 'FIN_WAIT_1' ? -1 : b === 'FIN_WAIT_1' ? 1 : 0,
  );
  return [
    { value: 'all', label: `All states (${formatCount(total)})` },
    ...present.map((state) => ({
      value: state,
      label: `${state} (${formatCount(byState[state] ?? 0)})`,
    })),
  ];
}

/** A stable key per socket: its 4-tuple, so a row keeps its DOM node across snapshots. */
export function connectionKey(connection: Connection): string {
  return `${connection.local}>${connection.peer}`;
}
