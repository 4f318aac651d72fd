/**
 * `apsd-watch analyze-netstat`: the same analysis as `status`, on a socket table the user saved.
 * The capture streams through line by line: only counts and a bounded list of rows are kept.
 */
import { basename } from 'node:path';
import { buildOfflineSnapshot } from '../../core/monitor/offline-snapshot';
import { compileRules } from '../../core/sockets/attribution';
import { tallyCapture } from '../../core/sockets/capture-tally';
import type { OpenedInput } from '../../core/input/open-input';
import { SocketCaptureError, assertTextStart } from '../../core/sockets/socket-capture';
import { APSD_RULES } from '../../shared/settings';
import { UsageError, type CliCommand } from '../command';
import { ruleFlags, rulesFromFlags } from '../engine-flags';
import { INPUT_LIMITS, describeBytes } from '../../core/input/input-limits';
import { inputLines } from '../../core/input/input-lines';
import { openCliInput } from '../read-input';
import { failOnFromFlags, outputFlags, writeSnapshot } from '../snapshot-output';

/** Binary input (/dev/zero, an image) is refused from its first chunk, before lines are cut. */
function refuseBinary(input: OpenedInput): OpenedInput {
  const chunks = async function* () {
    let first = true;
    for await (const chunk of input.chunks()) {
      if (first) assertTextStart(chunk.subarray(0, 65536).toString('latin1'));
      first = false;
      yield chunk;
    }
  };
  return Object.create(input, { chunks: { value: chunks } }) as OpenedInput;
}

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
    const path = positionals[0]!;
    const rules = rulesFromFlags(values) ?? APSD_RULES;
    const label = path === '-' ? 'standard input' : path;
    const now = new Date();
    const cap = INPUT_LIMITS.captureBytes;
    const input = await openCliInput(path, io, cap);
    let capture;
    let lines;
    try {
      if (input.size !== null && input.size > cap)
        throw new UsageError(`${label}: larger than ${describeBytes(cap)}; not a socket table`);
      lines = inputLines(refuseBinary(input));
      capture = await tallyCapture(lines.batches(), compileRules(rules), now);
    } catch (error) {
      if (error instanceof SocketCaptureError) throw new UsageError(`${label}: ${error.message}`);
      throw error;
    } finally {
      await input.close();
    }
    // Lines the input layer dropped (too long, past a cap) are lines not read too.
    const dropped = lines.problems().map((problem) => `${label}: ${problem}`);
    const snapshot = buildOfflineSnapshot({
      rules,
      sockets: {
        tally: { ...capture.tally, linesNotRead: capture.tally.linesNotRead + lines.oversize },
        from: `${path === '-' ? 'standard input' : basename(path)} (${capture.format})`,
      },
      logs: { skipped: 'not part of analyze-netstat' },
      daemonSkipped: 'not checked: the capture may come from another machine',
      warnings: [...capture.warnings, ...dropped],
      now,
    });
    return writeSnapshot(snapshot, values, io);
  },
};
