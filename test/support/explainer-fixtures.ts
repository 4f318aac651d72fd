/**
 * Named scenarios for the explainer's and the report's tests: calm, spiking, trust failure, no
 * apsd. Each is the shared calm snapshot with what the scenario changes, so counts match items,
 * and its verdict is the engine's own for those parts.
 */
import type { Connection, LogEvent, Snapshot } from '../../src/shared/snapshot';
import {
  FIXTURE_TAKEN_AT,
  makeConnection,
  makeLogEvent,
  makeSnapshot,
  type SnapshotOverrides,
} from './snapshot-fixture';

export const TAKEN_AT = FIXTURE_TAKEN_AT;
const minutesBefore = (minutes: number) =>
  new Date(Date.parse(TAKEN_AT) - minutes * 60_000).toISOString();

/** The benign leaf-certificate line every 90 min over the last 5 h. */
const leafLines = (): LogEvent[] =>
  [300, 210, 120, 30].map((minutes) => makeLogEvent({ time: minutesBefore(minutes) }));

/** The calm Mac's log lines; every scenario keeps them. */
const calmLogs = (): SnapshotOverrides['logs'] => ({ recent: leafLines() });

/** One push link up for 3 h, two FIN_WAIT_1 leftovers, leaf messages every 90 min, no trust failure. */
export function calmSnapshot(): Snapshot {
  return makeSnapshot({ logs: calmLogs() });
}

/** The calm Mac plus 418 more FIN_WAIT_1 sockets holding Send-Q: a pile-up of 420 for 20 min. */
export function spikingSnapshot(): Snapshot {
  const piledUp: Connection[] = Array.from({ length: 418 }, (_, i) =>
    makeConnection({
      local: `192.168.1.20:${51000 + i}`,
      peer: `17.57.146.${30 + (i % 50)}:5223`,
      state: 'FIN_WAIT_1',
      sendQueue: 3000,
      ageSeconds: 60 + i,
    }),
  );
  return makeSnapshot({
    connections: { items: [...calmSnapshot().connections.items, ...piledUp] },
    logs: calmLogs(),
    spike: { spikingSince: minutesBefore(20) },
  });
}

/** The calm Mac plus three trust-failure lines, as an interception produces. */
export function trustFailureSnapshot(): Snapshot {
  const failures = [12, 8, 4].map((minutes) =>
    makeLogEvent({
      time: minutesBefore(minutes),
      kind: 'trust-failure',
      message: 'Untrusted peer, closing connection immediately',
    }),
  );
  return makeSnapshot({
    logs: { recent: [...leafLines(), ...failures] },
  });
}

/** A Mac where apsd is not running and has no connection. */
export function noApsdSnapshot(): Snapshot {
  return makeSnapshot({
    daemon: { running: false, pid: null, startedAt: null },
    connections: { items: [], newPerHour: null },
    logs: calmLogs(),
  });
}
