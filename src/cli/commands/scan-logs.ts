/** `apsd-watch scan-logs`: classify the daemon's lines in saved logs, archives and exports. */
import { basename } from 'node:path';
import { LogAggregator } from '../../core/logs/kinds/log-aggregator';
import { scanLogFiles, type ScannedFile } from '../../core/logs/saved/scan-saved-logs';
import { expectedFormats } from '../../core/logs/lines/line-formats';
import { buildOfflineSnapshot } from '../../core/monitor/offline-snapshot';
import { APSD_RULES } from '../../shared/settings';
import { UsageError, type CliCommand } from '../command';
import { outputFlags, failOnFromFlags, writeSnapshot } from '../snapshot-output';
import { ruleFlags } from '../engine-flags';
import { createProgressBar } from '../progress-bar';
import { interruptSignal } from '../read-input';

/** `system.log.0.gz (syslog)`, or `paste.txt (log-default, ios-syslog)` for a mixed file. */
function describeFile(file: ScannedFile): string {
  const formats = Object.keys(file.formats);
  return `${basename(file.path)} (${formats.length > 1 ? formats.join(', ') : file.format})`;
}

export const scanLogsCommand: CliCommand = {
  args: '<file...|->',
  flags: {
    ...outputFlags,
    process: {
      ...ruleFlags.process,
      description: 'Classify the log lines of this process; replaces the default.',
    },
  },
  notes: [
    'Reads files, .gz archives, FIFOs or standard input (-), in every format in docs/formats.md: system.log, log show and log stream in every style, Console copies, grep results. Every line is read or counted as not read.',
  ],
  async run(values, paths, io) {
    if (paths.length === 0) throw new UsageError('expected one or more log files');
    failOnFromFlags(values);
    const processes = Array.isArray(values.process)
      ? values.process.map(String)
      : APSD_RULES.processes;
    const bar = createProgressBar(io, 'scanning');
    // Every file's lines count, a copy in two files included: no de-duplication.
    const aggregator = new LogAggregator({ identities: 0 });
    const result = await scanLogFiles(paths, {
      processes,
      onProgress: (done, total) => bar.update(done, total),
      onEvents: (events) => aggregator.add(events),
      signal: interruptSignal(io),
      stdin: io.stdin,
    });
    bar.finish();
    // Unopenable, or opened with no record of any format in it: the file was not read.
    const unread = result.files.filter((f) => f.format === 'unreadable' || f.format === 'unknown');
    // An empty file holds no record either: from nothing but those, no verdict can be OK.
    const empty = result.files.filter((f) => f.format === 'empty');
    if (unread.length + empty.length === paths.length)
      throw new UsageError(
        unread[0]?.warning ??
          `${empty[0]?.path === '-' ? 'standard input' : (empty[0]?.path ?? 'the input')}: empty; expected ${expectedFormats()}`,
      );
    const snapshot = buildOfflineSnapshot({
      rules: { ...APSD_RULES, processes },
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
    return writeSnapshot(snapshot, values, io);
  },
};
