/**
 * The watched daemon's sockets: a state filter and a virtualised, sortable table. When the push
 * carried every row they are filtered and sorted here; otherwise the table's window is fetched
 * by page from the engine, which holds the rest.
 */
import { useCallback, useMemo, useState } from 'react';
import type { Snapshot } from '../../shared/snapshot';
import { selectConnections, type SortOrder, type StateFilter } from '../../shared/connection-query';
import { filterOptions } from '../lib/connection-rows';
import { formatCount } from '../../shared/format';
import { useConnectionPages, type RowRange } from '../hooks/use-connection-pages';
import { ConnectionTable } from './connection-table';

export interface ConnectionView {
  filter: StateFilter;
  sort: SortOrder;
}

interface ConnectionsPanelProps {
  snapshot: Snapshot;
  view: ConnectionView;
  onView: (view: ConnectionView) => void;
}

export function ConnectionsPanel({ snapshot, view, onView }: ConnectionsPanelProps) {
  const { items, byState, total } = snapshot.connections;
  const complete = items.length >= total;
  const localRows = useMemo(
    () => (complete ? selectConnections(items, view.filter, view.sort) : []),
    [complete, items, view.filter, view.sort],
  );
  const count = complete
    ? localRows.length
    : view.filter === 'all'
      ? total
      : (byState[view.filter] ?? 0);
  const [range, setRange] = useState<RowRange>({ first: 0, last: 0 });
  const onRange = useCallback(
    (first: number, last: number) =>
      setRange((prev) => (prev.first === first && prev.last === last ? prev : { first, last })),
    [],
  );
  const pages = useConnectionPages(snapshot, view.filter, view.sort, count, range, !complete);
  const rowAt = complete ? (index: number) => localRows[index] : pages.rowAt;
  const options = useMemo(() => filterOptions(byState, total), [byState, total]);
  const filterKnown = options.some((option) => option.value === view.filter);

  return (
    <div className="table-panel" data-testid="connections">
      <div className="table-toolbar">
        <label className="select-label">
          <span className="visually-hidden">Filter by state</span>
          <select
            className="select"
            data-testid="state-filter"
            value={view.filter}
            onChange={(event) => onView({ ...view, filter: event.target.value as StateFilter })}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
            {filterKnown ? null : <option value={view.filter}>{`${view.filter} (0)`}</option>}
          </select>
        </label>
        <span className="table-count" data-testid="connection-count" aria-live="polite">
          {count === total
            ? `${formatCount(count)} sockets`
            : `${formatCount(count)} of ${formatCount(total)}`}
        </span>
      </div>
      {pages.error && !complete ? (
        <p className="footnote" data-testid="connections-error">
          Rows could not be fetched: {pages.error}
        </p>
      ) : null}
      <ConnectionTable
        count={count}
        rowAt={rowAt}
        observedSeconds={snapshot.connections.observedSeconds}
        sort={view.sort}
        onSort={(sort) => onView({ ...view, sort })}
        onRange={onRange}
      />
    </div>
  );
}
