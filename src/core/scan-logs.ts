/**
 * The one entry point for saved logs (`scan-logs`, the bench): reads every file (archives,
 * exports, pastes), classifies the watched daemon's lines and returns the snapshot the live engine
 * would show for them. Events stream into the aggregator; none are held.
 */
import { basename } from 'node:path';
import { APSD_RULES } from '../shared/settings';
import type { Snapshot } from '../shared/snapshot';
import { LogAggregator } from './logs/kinds/log-aggregator';
import { expectedFormats } from './logs/lines/line-formats';
import { scanLogFiles, type ScannedFile } from './logs/saved/scan-saved-logs';
import { buildOfflineSnapshot } from './monitor/offline-snapshot';

export interface LogScanOptions {
  /** Process names to keep (default apsd). */
  processes?: readonly string[];
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Ends the scan at once (Ctrl-C): it rejects with InputAbortedError. */
  signal?: AbortSignal;
  /** Read for the path `-`. */
  stdin?: NodeJS.ReadableStream;
}

/** The snapshot, or why there is none (no file held a record): one line for the user. */
export type LogScan = { snapshot: Snapshot; refused?: undefined } | { refused: string };

/** `system.log.0.gz (syslog)`, or `paste.txt (log-default, ios-syslog)` for a mixed file. */
function describeFile(file: ScannedFile): string {
  const formats = Object.keys(file.formats);
  return `${basename(file.path)} (${formats.length > 1 ? formats.join(', ') : file.format})`;
}

export async function scanLogs(
  paths: readonly string[],
  options: LogScanOptions,
): Promise<LogScan> {
  const processes = options.processes ?? APSD_RULES.processes;
  // Every file's lines count, a copy in two files included: no de-duplication.
  const aggregator = new LogAggregator({ identities: 0 });
  const result = await scanLogFiles(paths, {
    processes,
    onProgress: options.onProgress,
    onEvents: (events) => aggregator.add(events),
    signal: options.signal,
    stdin: options.stdin,
  });
  // Unopenable, or opened with no record of any format in it: the file was not read.
  const unread = result.files.filter((f) => f.format === 'unreadable' || f.format === 'unknown');
  // An empty file holds no record either: from nothing but those, no verdict can be OK.
  const empty = result.files.filter((f) => f.format === 'empty');
  if (unread.length + empty.length === paths.length)
    return {
      refused:
        unread[0]?.warning ??
        `${empty[0]?.path === '-' ? 'standard input' : (empty[0]?.path ?? 'the input')}: empty; expected ${expectedFormats()}`,
    };
  const snapshot = buildOfflineSnapshot({
    rules: { ...APSD_RULES, processes: [...processes] },
    sockets: { skipped: 'not part of scan-logs' },
    logs: {
      summary: aggregator.summary(),
      source: {
        status: unread.length > 0 ? 'failed' : 'ok',
        from: result.files.map(describeFile).join(', '),
        linesRead: result.linesRead,
        linesNotRead: result.linesNotRead,
        firstNotRead: result.firstNotRead && {
          file: result.firstNotRead.path,
          line: result.firstNotRead.line,
          text: result.firstNotRead.text,
        },
        detail:
          unread.length > 0
            ? `${unread.length} of ${paths.length} files not read: ${unread.map((f) => basename(f.path)).join(', ')}`
            : null,
      },
    },
    daemonSkipped: 'not checked: the logs may come from another machine',
    warnings: result.warnings,
  });
  return { snapshot };
}
