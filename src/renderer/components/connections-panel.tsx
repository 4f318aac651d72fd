/** The watched daemon's sockets: a state filter and a virtualised, sortable table. */
import { useMemo } from 'react';
import type { Snapshot } from '../../shared/snapshot';
import { selectConnections, type SortOrder, type StateFilter } from '../../shared/connection-query';
import { filterOptions } from '../lib/connection-rows';
import { formatCount } from '../../shared/format';
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
  const rows = useMemo(
    () => selectConnections(items, view.filter, view.sort),
    [items, view.filter, view.sort],
  );
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
          {rows.length === items.length
            ? `${formatCount(rows.length)} sockets`
            : `${formatCount(rows.length)} of ${formatCount(items.length)}`}
        </span>
      </div>
      {items.length < total ? (
        <p className="footnote">
          Showing the {formatCount(items.length)} sockets the engine sent of {formatCount(total)}.
        </p>
      ) : null}
      <ConnectionTable
        rows={rows}
        observedSeconds={snapshot.connections.observedSeconds}
        sort={view.sort}
        onSort={(sort) => onView({ ...view, sort })}
      />
    </div>
  );
}
