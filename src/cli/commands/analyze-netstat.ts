/** `apsd-watch analyze-netstat`: the same analysis as `status`, on a socket table the user saved. */
import { basename } from 'node:path';
import { buildOfflineSnapshot } from '../../core/monitor/offline-snapshot';
import { SocketCaptureError, parseSocketCapture } from '../../core/sockets/socket-capture';
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
    const text = await readTextInput(path, io);
    let capture;
    try {
      capture = parseSocketCapture(text);
    } catch (error) {
      if (error instanceof SocketCaptureError)
        throw new UsageError(`${path === '-' ? 'standard input' : path}: ${error.message}`);
      throw error;
    }
    const snapshot = buildOfflineSnapshot({
      rules,
      sockets: {
        rows: capture.rows,
        from: `${path === '-' ? 'standard input' : basename(path)} (${capture.format})`,
      },
      logs: { skipped: 'not part of analyze-netstat' },
      daemonSkipped: 'not checked: the capture may come from another machine',
      warnings: capture.warnings,
    });
    return writeSnapshot(snapshot, values, io);
  },
};
