/** `apsd-watch analyze-netstat`: the same analysis as `status`, on a socket table the user saved. */
import { basename } from 'node:path';
import { SpikeDetector } from '../../core/analysis/spike-detector';
import {
  assembleSnapshot,
  emptyLogs,
  hostOfThisProcess,
  skippedPart,
  unknownDaemon,
} from '../../core/monitor/snapshot-assembly';
import { attributeRows, compileRules } from '../../core/sockets/attribution';
import { ConnectionTracker } from '../../core/sockets/connection-tracker';
import { SocketCaptureError, parseSocketCapture } from '../../core/sockets/socket-capture';
import { APSD_RULES, DEFAULT_SETTINGS, describeWatchedPeers } from '../../shared/settings';
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
    const { attributed, unattributed } = attributeRows(capture.rows, compileRules(rules));
    const now = new Date();
    const connections = new ConnectionTracker().update(attributed, now);
    const detector = new SpikeDetector({
      minCount: DEFAULT_SETTINGS.spike.minCount,
      sensitivity: DEFAULT_SETTINGS.spike.sensitivity,
    });
    const from = `${path === '-' ? 'standard input' : basename(path)} (${capture.format})`;
    const snapshot = assembleSnapshot({
      now,
      intervalSeconds: 0,
      daemonName: rules.processes[0] ?? 'apsd',
      peersLabel: describeWatchedPeers(rules),
      host: hostOfThisProcess(),
      daemon: unknownDaemon(rules.processes[0] ?? 'apsd'),
      connections,
      logs: emptyLogs(),
      spike: detector.state(now),
      source: {
        sockets: {
          status: 'ok',
          from,
          rowsRead: capture.rows.length,
          rowsAttributed: attributed.length,
          detail:
            unattributed > 0 ? `${unattributed} rows not attributed to the watched daemon` : null,
          at: null,
          durationMs: null,
        },
        logs: { ...skippedPart('not part of analyze-netstat'), linesRead: 0 },
        daemon: skippedPart('not checked: the capture may come from another machine'),
      },
      warnings: capture.warnings,
    });
    return writeSnapshot(snapshot, values, io);
  },
};
