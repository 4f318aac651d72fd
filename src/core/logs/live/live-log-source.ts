/** What every live log source (syslog follower, unified-log stream) shows the engine. */
import type { EventEmitter } from 'node:events';
import type { LogEvent, PartStatus } from '../../../shared/snapshot';

export type LogSourceState =
  'starting' | 'running' | 'restarting' | 'unavailable' | 'failed' | 'stopped';

export interface LogSourceStatus {
  state: LogSourceState;
  /** What is read, for the snapshot's `source.logs.from`: a path or a command line. */
  from: string;
  /** Lines read so far, back-fill included. */
  linesRead: number;
  /** One line: why it is not running, or what it is waiting for; null when all is well. */
  detail: string | null;
  /** Times the source was restarted after its reader died. */
  restarts: number;
}

export interface LogSourceEvents {
  /** New events, oldest first within a batch (batches may overlap where `overlaps` says so). */
  events: [LogEvent[]];
  status: [LogSourceStatus];
  /** A one-line problem worth showing: skipped input, a failed back-fill. */
  warning: [string];
  /** Complete lines as read, in order (syslog text, or ndjson records); events come from these. */
  lines: [string[]];
}

export interface LogSource extends EventEmitter<LogSourceEvents> {
  /** Back-fills, then follows; resolves once the back-fill is in. */
  start(): Promise<void>;
  /** Stops following; resolves when files are closed and children have exited. */
  stop(): Promise<void>;
  readonly status: LogSourceStatus;
  /**
   * True when batches may repeat events (a `log show` back-fill overlapping `log stream`), so the
   * aggregator drops repeats; false for a source that reads every line exactly once, whose
   * identical lines are real repeats.
   */
  readonly overlaps: boolean;
}

/** The snapshot's coarser status for a source state. */
export function toPartStatus(state: LogSourceState): PartStatus {
  switch (state) {
    case 'running':
      return 'ok';
    case 'starting':
      return 'starting';
    case 'unavailable':
    case 'stopped':
      return 'unavailable';
    case 'restarting':
    case 'failed':
      return 'failed';
  }
}
