/**
 * A virtualised table (only the visible rows exist in the DOM), positioned through the CSSOM in
 * a layout effect because the CSP forbids style attributes. Rows come by index, so they may be
 * fetched by page: one not there yet shows as a loading row of the same height.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Connection } from '../../shared/snapshot';
import type { SortKey, SortOrder } from '../../shared/connection-query';
import { connectionKey } from '../lib/connection-rows';
import { ConnectionRow } from './connection-row';

/** Fixed row height in px; must match `.row` in connections.css. */
const ROW_HEIGHT = 36;

const COLUMNS: readonly { key: SortKey; label: string; className: string }[] = [
  { key: 'peer', label: 'Peer', className: 'col-peer' },
  { key: 'state', label: 'State', className: 'col-state' },
  { key: 'sendQueue', label: 'Send-Q', className: 'col-num' },
  { key: 'age', label: 'Age', className: 'col-num' },
];

interface ConnectionTableProps {
  count: number;
  rowAt: (index: number) => Connection | undefined;
  observedSeconds: number;
  sort: SortOrder;
  onSort: (sort: SortOrder) => void;
  /** Told the indexes of the first and last visible rows whenever they change. */
  onRange: (first: number, last: number) => void;
}

export function ConnectionTable(props: ConnectionTableProps) {
  const { count, rowAt, observedSeconds, sort, onSort, onRange } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const spacer = useRef<HTMLDivElement>(null);
  const windowed = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render, never memoised
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const visible = virtualizer.getVirtualItems();
  const offset = visible[0]?.start ?? 0;
  const height = virtualizer.getTotalSize();
  const first = visible[0]?.index ?? 0;
  const last = visible.at(-1)?.index ?? 0;

  useEffect(() => onRange(first, last), [onRange, first, last]);

  useLayoutEffect(() => {
    spacer.current?.style.setProperty('height', `${height}px`);
    windowed.current?.style.setProperty('transform', `translateY(${offset}px)`);
  }, [height, offset]);

  function toggle(key: SortKey): void {
    onSort(
      sort.key === key
        ? { key, descending: !sort.descending }
        : { key, descending: key !== 'peer' && key !== 'state' },
    );
  }

  return (
    <div className="table" role="table" aria-label="Connections" aria-rowcount={count + 1}>
      <div className="table-head" role="rowgroup">
        <div className="row row-head" role="row" aria-rowindex={1}>
          {COLUMNS.map((column) => {
            const active = sort.key === column.key;
            return (
              <span
                key={column.key}
                role="columnheader"
                className={column.className}
                aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="sort-button"
                  data-active={active}
                  onClick={() => toggle(column.key)}
                >
                  {column.label}
                  {active ? (
                    <span className="sort-arrow" aria-hidden="true">
                      {sort.descending ? '▾' : '▴'}
                    </span>
                  ) : null}
                </button>
              </span>
            );
          })}
          <span role="columnheader" className="visually-hidden">
            Attributed by
          </span>
        </div>
      </div>
      <div ref={scroller} className="table-body" role="rowgroup" aria-label="Sockets" tabIndex={0}>
        {count === 0 ? <p className="placeholder">No sockets in this state.</p> : null}
        <div ref={spacer} className="table-spacer">
          <div ref={windowed} className="table-window">
            {visible.map((item) => {
              const connection = rowAt(item.index);
              if (!connection)
                return <LoadingRow key={`loading-${item.index}`} index={item.index} />;
              return (
                <ConnectionRow
                  key={`${connectionKey(connection)}|${connection.state}`}
                  connection={connection}
                  rowIndex={item.index + 2}
                  observedSeconds={observedSeconds}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

function LoadingRow({ index }: { index: number }) {
  return (
    <div className="row" role="row" aria-rowindex={index + 2} aria-busy="true">
      <span role="cell" className="col-attr">
        Loading…
      </span>
    </div>
  );
}
