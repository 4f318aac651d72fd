/**
 * The connections table's rows when the push carried only the most urgent: the window the table
 * shows (plus overscan) is asked for in blocks, cached per snapshot and query, and asked again
 * when a new snapshot arrives; meanwhile the previous snapshot's rows of the same query stand in,
 * so the table does not blank on every sample.
 */
import { useEffect, useRef, useState } from 'react';
import type { Connection, Snapshot } from '../../shared/snapshot';
import type { SortOrder, StateFilter } from '../../shared/connection-query';
import { useServices } from './app-context';
import { errorLine } from '../../shared/error-line';

/** Rows per request: a table window is about 15 rows, so one or two blocks cover it. */
const BLOCK_ROWS = 100;
/** Rows fetched beyond the visible ones, so a short scroll rarely meets a loading row. */
const OVERSCAN_ROWS = 40;

/** Indexes of the first and last rows the table shows. */
export interface RowRange {
  first: number;
  last: number;
}

interface Blocks {
  /** takenAt and query: what these rows were asked for. */
  key: string;
  query: string;
  rows: ReadonlyMap<number, readonly Connection[]>;
}

interface PagesState {
  current: Blocks;
  /** The previous snapshot's rows of the same query, shown until the new ones arrive. */
  stale: Blocks | null;
}

export interface ConnectionPages {
  rowAt(index: number): Connection | undefined;
  /** The last failure to fetch rows, one line; null while they arrive. */
  error: string | null;
}

function rowIn(blocks: Blocks | null, index: number): Connection | undefined {
  return blocks?.rows.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS];
}

function withBlock(
  prev: PagesState,
  key: string,
  query: string,
  block: number,
  rows: Connection[],
) {
  if (prev.current.key === key) {
    const next = new Map(prev.current.rows).set(block, rows);
    return { current: { ...prev.current, rows: next }, stale: prev.stale };
  }
  const stale = prev.current.query === query ? prev.current : null;
  return { current: { key, query, rows: new Map([[block, rows]]) }, stale };
}

/** `count` is the filtered row count; nothing is asked while `enabled` is false. */
export function useConnectionPages(
  snapshot: Snapshot,
  filter: StateFilter,
  sort: SortOrder,
  count: number,
  range: RowRange,
  enabled: boolean,
): ConnectionPages {
  const { client } = useServices();
  const query = `${filter}|${sort.key}|${sort.descending ? 'desc' : 'asc'}`;
  const key = `${snapshot.takenAt}|${query}`;
  const [pages, setPages] = useState<PagesState>({
    current: { key: '', query: '', rows: new Map() },
    stale: null,
  });
  const [error, setError] = useState<string | null>(null);
  const latestKey = useRef(key);
  const pending = useRef(new Set<string>());

  const current = pages.current.key === key ? pages.current : null;
  const stale = [current ? pages.stale : pages.current, pages.stale].find(
    (blocks) => blocks !== null && blocks.key !== key && blocks.query === query,
  );
  const loaded = current?.rows;

  useEffect(() => {
    latestKey.current = key;
    if (!enabled || count === 0) return;
    const firstBlock = Math.floor(Math.max(0, range.first - OVERSCAN_ROWS) / BLOCK_ROWS);
    const lastBlock = Math.floor(Math.min(count - 1, range.last + OVERSCAN_ROWS) / BLOCK_ROWS);
    for (let block = firstBlock; block <= lastBlock; block++) {
      const id = `${key}#${block}`;
      if (loaded?.has(block) || pending.current.has(id)) continue;
      pending.current.add(id);
      const offset = block * BLOCK_ROWS;
      client
        .invoke('connections:page', { state: filter, sort, offset, limit: BLOCK_ROWS })
        .then(
          (page) => {
            if (latestKey.current !== key) return;
            setPages((prev) => withBlock(prev, key, query, block, page.items));
            setError(null);
          },
          (failure: unknown) => {
            if (latestKey.current !== key) return;
            setError(errorLine(failure));
          },
        )
        .finally(() => pending.current.delete(id));
    }
  }, [client, enabled, key, query, filter, sort, count, range.first, range.last, loaded]);

  return {
    rowAt: (index) => rowIn(current, index) ?? rowIn(stale ?? null, index),
    error,
  };
}
