/**
 * The connections table's rows, chosen where the snapshot lives: the popover is pushed a bounded
 * view of each snapshot and asks for the window of rows it shows, so a 10,000-socket pile-up
 * costs each update a few hundred rows of JSON instead of megabytes.
 */
import { TCP_STATES, type Connection, type Snapshot, type TcpState } from './snapshot';

export type StateFilter = TcpState | 'all';
export const SORT_KEYS = ['age', 'sendQueue', 'peer', 'state'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/** Oldest first: lingering sockets are what people come to look at. */
export const DEFAULT_SORT: SortOrder = { key: 'age', descending: true };

/** Most rows one page may carry; a table window is a few dozen. */
export const MAX_PAGE_ROWS = 500;
/** Rows a pushed snapshot keeps: enough for the calm case to need no page at all. */
export const PUSHED_ROWS = 100;

export interface ConnectionsQuery {
  state: StateFilter;
  sort: SortOrder;
  offset: number;
  /** 1..MAX_PAGE_ROWS. */
  limit: number;
}

export interface ConnectionsPage {
  /** The snapshot the rows come from; null before the engine's first sample. */
  takenAt: string | null;
  /** Rows matching the state filter, before the window is cut. */
  total: number;
  offset: number;
  items: Connection[];
}

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

/** One window of the filtered, sorted rows of a snapshot; an empty page when there is none yet. */
export function queryConnections(
  snapshot: Snapshot | null,
  query: ConnectionsQuery,
): ConnectionsPage {
  if (!snapshot) return { takenAt: null, total: 0, offset: query.offset, items: [] };
  const rows = selectConnections(snapshot.connections.items, query.state, query.sort);
  return {
    takenAt: snapshot.takenAt,
    total: rows.length,
    offset: query.offset,
    items: rows.slice(query.offset, query.offset + Math.min(query.limit, MAX_PAGE_ROWS)),
  };
}

/**
 * queryConnections with the last filtered, sorted selection kept: a table scrolling through one
 * snapshot asks for page after page, and 10,000 rows need sorting only once per snapshot and view.
 */
export function createConnectionPager(): (
  snapshot: Snapshot | null,
  query: ConnectionsQuery,
) => ConnectionsPage {
  let last: { snapshot: Snapshot; key: string; rows: Connection[] } | null = null;
  return (snapshot, query) => {
    if (!snapshot) return queryConnections(null, query);
    const key = `${query.state} ${query.sort.key} ${query.sort.descending}`;
    if (last?.snapshot !== snapshot || last.key !== key)
      last = {
        snapshot,
        key,
        rows: selectConnections(snapshot.connections.items, query.state, query.sort),
      };
    return {
      takenAt: snapshot.takenAt,
      total: last.rows.length,
      offset: query.offset,
      items: last.rows.slice(query.offset, query.offset + Math.min(query.limit, MAX_PAGE_ROWS)),
    };
  };
}

/**
 * The snapshot as pushed to a window: everything but the rows past the first `rows` (the engine
 * sorts them most urgent first). `connections.total` keeps the full count, so a renderer knows
 * to ask for pages when it holds fewer items.
 */
export function viewSnapshot(snapshot: Snapshot, rows = PUSHED_ROWS): Snapshot {
  const { connections } = snapshot;
  if (connections.items.length <= rows) return snapshot;
  return { ...snapshot, connections: { ...connections, items: connections.items.slice(0, rows) } };
}
