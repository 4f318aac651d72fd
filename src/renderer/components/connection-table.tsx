/**
 * A virtualised table (only the visible rows exist in the DOM), positioned through the CSSOM in
 * a layout effect because the CSP forbids style attributes.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef } from 'react';
import type { Connection } from '../../shared/snapshot';
import type { SortKey, SortOrder } from '../../shared/connection-query';
import { connectionKey } from '../lib/connection-rows';
import { ConnectionRow } from './connection-row';

/** Fixed row height in px; must match `.row` in connections.css. */
export const ROW_HEIGHT = 36;

const COLUMNS: readonly { key: SortKey; label: string; className: string }[] = [
  { key: 'peer', label: 'Peer', className: 'col-peer' },
  { key: 'state', label: 'State', className: 'col-state' },
  { key: 'sendQueue', label: 'Send-Q', className: 'col-num' },
  { key: 'age', label: 'Age', className: 'col-num' },
];

interface ConnectionTableProps {
  rows: readonly Connection[];
  observedSeconds: number;
  sort: SortOrder;
  onSort: (sort: SortOrder) => void;
}

export function ConnectionTable({ rows, observedSeconds, sort, onSort }: ConnectionTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const spacer = useRef<HTMLDivElement>(null);
  const windowed = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render, never memoised
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const visible = virtualizer.getVirtualItems();
  const offset = visible[0]?.start ?? 0;
  const height = virtualizer.getTotalSize();

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
    <div className="table" role="table" aria-label="Connections" aria-rowcount={rows.length + 1}>
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
        {rows.length === 0 ? <p className="placeholder">No sockets in this state.</p> : null}
        <div ref={spacer} className="table-spacer">
          <div ref={windowed} className="table-window">
            {visible.map((item) => {
              const connection = rows[item.index];
              if (!connection) return null;
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
