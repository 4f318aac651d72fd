/** The connections table's labels and row keys; the rows themselves come from connection-query. */
import { TCP_STATES, type Connection, type TcpState } from '../../shared/snapshot';
import type { StateFilter } from '../../shared/connection-query';
import { formatCount } from '../../shared/format';

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
