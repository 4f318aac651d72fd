/**
 * `apsd-watch analyze-netstat`: the same analysis as `status`, on a socket table the user saved.
 * The capture streams through line by line: only counts and a bounded list of rows are kept.
 */
import { basename } from 'node:path';
import { buildOfflineSnapshot } from '../../core/monitor/offline-snapshot';
import { compileRules } from '../../core/sockets/attribution';
import { tallyCapture } from '../../core/sockets/capture-tally';
import { SocketCaptureError } from '../../core/sockets/socket-capture';
import { APSD_RULES } from '../../shared/settings';
import { UsageError, type CliCommand } from '../command';
import { ruleFlagOptions, rulesFromFlags } from '../engine-flags';
import { readTextInput } from '../read-input';
import { failOnFromFlags, outputFlagOptions, writeSnapshot } from '../snapshot-output';

export const analyzeNetstatCommand: CliCommand = {
  usage: '<file|-> [--json] [--fail-on watch|alert] [--process NAME] [--port N] [--peer CIDR]',
  options: { ...ruleFlagOptions, ...outputFlagOptions },
  allowPositionals: true,
  async run(values, positionals, io) {
    if (positionals.length !== 1)
      throw new UsageError('expected one file, or - for standard input');
    failOnFromFlags(values);
    const path = positionals[0]!;
    const rules = rulesFromFlags(values) ?? APSD_RULES;
    const label = path === '-' ? 'standard input' : path;
    const now = new Date();
    let capture;
    try {
      const text = await readTextInput(path, io);
      capture = await tallyCapture([text.split('\n')], compileRules(rules), now);
    } catch (error) {
      if (error instanceof SocketCaptureError) throw new UsageError(`${label}: ${error.message}`);
      throw error;
    }
    const snapshot = buildOfflineSnapshot({
      rules,
      sockets: {
        tally: capture.tally,
        from: `${path === '-' ? 'standard input' : basename(path)} (${capture.format})`,
      },
      logs: { skipped: 'not part of analyze-netstat' },
      daemonSkipped: 'not checked: the capture may come from another machine',
      warnings: capture.warnings,
      now,
    });
    snapshot.source.sockets.linesNotRead = capture.lines.notRead;
    return writeSnapshot(snapshot, values, io);
  },
};
