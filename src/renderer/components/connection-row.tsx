/**
 * One socket. Memoised on what it displays (a 10 s older age that still reads "3h 12m" does not
 * re-render), so a new 10,000-row snapshot touches only rows whose text changed.
 */
import { memo } from 'react';
import type { Connection } from '../../shared/snapshot';
import { ageText, formatCount } from '../../shared/format';
import { formatAge } from '../lib/table-age';

interface ConnectionRowProps {
  connection: Connection;
  rowIndex: number;
  /** How long the engine has watched; ages are relative to it. */
  observedSeconds: number;
}

function attribution(connection: Connection): string {
  const who = connection.pid === null ? '' : ` · pid ${connection.pid}`;
  return `${connection.attributedBy}${who}`;
}

function ConnectionRowView({ connection, rowIndex, observedSeconds }: ConnectionRowProps) {
  return (
    <div
      className="row"
      role="row"
      aria-rowindex={rowIndex}
      data-testid="connection-row"
      data-state={connection.state}
    >
      <span
        role="cell"
        className="col-peer mono"
        title={`${connection.local} → ${connection.peer}`}
      >
        {connection.peer}
      </span>
      <span role="cell" className="col-state">
        <span className="state-pill" data-state={connection.state}>
          {connection.state}
        </span>
      </span>
      <span role="cell" className="col-num mono">
        {formatCount(connection.sendQueue)}
      </span>
      <span role="cell" className="col-num">
        {ageText(connection.ageSeconds, observedSeconds, formatAge)}
      </span>
      <span role="cell" className="col-attr">
        {attribution(connection)}
      </span>
    </div>
  );
}

function sameDisplay(a: ConnectionRowProps, b: ConnectionRowProps): boolean {
  const x = a.connection;
  const y = b.connection;
  return (
    a.rowIndex === b.rowIndex &&
    x.peer === y.peer &&
    x.local === y.local &&
    x.state === y.state &&
    x.sendQueue === y.sendQueue &&
    x.pid === y.pid &&
    x.attributedBy === y.attributedBy &&
    ageText(x.ageSeconds, a.observedSeconds, formatAge) ===
      ageText(y.ageSeconds, b.observedSeconds, formatAge)
  );
}

export const ConnectionRow = memo(ConnectionRowView, sameDisplay);
