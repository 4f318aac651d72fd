/**
 * `apsd-watch scan-logs`: classify the daemon's lines in saved logs, archives and exports
 * (core/scan-logs does the work).
 */
import { scanLogs } from '../../core/scan-logs';
import { UsageError, type CliCommand } from '../command';
import { outputFlags, failOnFromFlags, writeSnapshot } from '../snapshot-output';
import { ruleFlags } from '../engine-flags';
import { createProgressBar } from '../progress-bar';
import { interruptSignal } from '../read-input';

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
    const bar = createProgressBar(io, 'scanning');
    const scan = await scanLogs(paths, {
      processes: Array.isArray(values.process) ? values.process.map(String) : undefined,
      onProgress: (done, total) => bar.update(done, total),
      signal: interruptSignal(io),
      stdin: io.stdin,
    });
    bar.finish();
    if (scan.refused !== undefined) throw new UsageError(scan.refused);
    return writeSnapshot(scan.snapshot, values, io);
  },
};
