/**
 * One snapshot from saved input (a socket table, log files), through the same pipeline as the live
 * engine. The input may come from another machine, so the daemon is not checked, and one saved
 * moment teaches the spike detector nothing: its state is the calm default.
 */
import { DEFAULT_SETTINGS, type WatchRules } from '../../shared/settings';
import type { LogSummary, Snapshot, SocketRow, SourceInfo } from '../../shared/snapshot';
import type { CaptureTallyResult } from '../sockets/capture-tally';
import { analyse, createPipelineState } from './analyse';
import { emptyLogs, skippedPart } from './snapshot-assembly';

export interface OfflineInput {
  rules: WatchRules;
  /** A saved socket table, or why there is none. */
  sockets:
    | { rows: readonly SocketRow[]; from: string }
    | { tally: CaptureTallyResult; from: string }
    | { skipped: string };
  /** Classified log lines, or why there are none. */
  logs: { summary: LogSummary; source: SourceInfo['logs'] } | { skipped: string };
  /** Why the daemon was not checked. */
  daemonSkipped: string;
  warnings: readonly string[];
  now?: Date;
}

export function buildOfflineSnapshot(input: OfflineInput): Snapshot {
  const state = createPipelineState({ rules: input.rules, spike: DEFAULT_SETTINGS.spike });
  const { snapshot } = analyse(
    {
      now: input.now ?? new Date(),
      intervalSeconds: 0,
      sockets:
        'skipped' in input.sockets
          ? { kind: 'skipped', why: input.sockets.skipped }
          : 'tally' in input.sockets
            ? { kind: 'capture-tally', ...input.sockets }
            : { kind: 'capture', ...input.sockets },
      daemon: { kind: 'skipped', why: input.daemonSkipped },
      logs:
        'skipped' in input.logs
          ? {
              summary: emptyLogs(),
              source: { ...skippedPart(input.logs.skipped), linesRead: 0 },
            }
          : input.logs,
      notifications: DEFAULT_SETTINGS.notifications,
      warnings: input.warnings,
    },
    state,
  );
  return snapshot;
}
