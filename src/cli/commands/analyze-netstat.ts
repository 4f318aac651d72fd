/**
 * `apsd-watch analyze-netstat`: the same analysis as `status`, on a socket table the user saved
 * (core/analyse-capture does the work).
 */
import { analyseCapture } from '../../core/analyse-capture';
import { APSD_RULES } from '../../shared/settings';
import { UsageError, type CliCommand } from '../command';
import { ruleFlags, rulesFromFlags } from '../engine-flags';
import { interruptSignal } from '../read-input';
import { failOnFromFlags, outputFlags, writeSnapshot } from '../snapshot-output';

export const analyzeNetstatCommand: CliCommand = {
  args: '<file|->',
  flags: { ...outputFlags, ...ruleFlags },
  notes: [
    'Reads a file, a .gz archive, a FIFO or standard input (-). The formats read: docs/formats.md.',
  ],
  async run(values, positionals, io) {
    if (positionals.length !== 1)
      throw new UsageError('expected one file, or - for standard input');
    failOnFromFlags(values);
    const snapshot = await analyseCapture(positionals[0]!, {
      rules: rulesFromFlags(values) ?? APSD_RULES,
      signal: interruptSignal(io),
      stdin: io.stdin,
    });
    return writeSnapshot(snapshot, values, io);
  },
};
