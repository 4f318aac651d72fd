/** `apsd-watch scan-logs`: classify the daemon's lines in saved logs, archives and exports. */
import { basename } from 'node:path';
import { LogAggregator } from '../../core/logs/log-aggregator';
import { scanLogFiles } from '../../core/logs/log-file-scan';
import { buildOfflineSnapshot } from '../../core/monitor/offline-snapshot';
import { APSD_RULES } from '../../shared/settings';
import { UsageError, type CliCommand, type OptionSpec } from '../command';
import { outputFlagOptions, failOnFromFlags, writeSnapshot } from '../snapshot-output';
import { createProgressBar } from '../progress-bar';
import { interruptSignal } from '../read-input';

const options = {
  process: { type: 'string', multiple: true },
  ...outputFlagOptions,
} satisfies OptionSpec;

export const scanLogsCommand: CliCommand = {
  usage: '<file...|-> [--json] [--fail-on watch|alert] [--process NAME]',
  options,
  allowPositionals: true,
  async run(values, paths, io) {
    if (paths.length === 0) throw new UsageError('expected one or more log files');
    failOnFromFlags(values);
    const processes = Array.isArray(values.process)
      ? values.process.map(String)
      : APSD_RULES.processes;
    const bar = createProgressBar(io, 'scanning');
    const result = await scanLogFiles(paths, {
      processes,
      onProgress: (done, total) => bar.update(done, total),
      signal: interruptSignal(io),
      stdin: io.stdin,
    });
    bar.finish();
    const unreadable = result.files.filter((f) => f.format === 'unreadable');
    if (unreadable.length === paths.length)
      throw new UsageError(unreadable[0]?.warning ?? 'no file could be read');
    const aggregator = new LogAggregator();
    aggregator.add(result.events);
    const snapshot = buildOfflineSnapshot({
      rules: { ...APSD_RULES, processes },
      sockets: { skipped: 'not part of scan-logs' },
      logs: {
        summary: aggregator.summary(),
        source: {
          status: unreadable.length > 0 ? 'failed' : 'ok',
          from: result.files.map((f) => `${basename(f.path)} (${f.format})`).join(', '),
          linesRead: result.linesRead,
          detail:
            unreadable.length > 0
              ? `${unreadable.length} of ${paths.length} files unreadable`
              : null,
        },
      },
      daemonSkipped: 'not checked: the logs may come from another machine',
      warnings: result.warnings,
    });
    return writeSnapshot(snapshot, values, io);
  },
};
