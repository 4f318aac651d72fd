/** `apsd-watch status`: one sample now, plus the last 24 h of the daemon's log lines. */
import type { CliCommand } from '../command';
import { engineFlagOptions } from '../engine-flags';
import { withOneShotEngine } from '../one-shot-engine';
import { failOnFromFlags, outputFlagOptions, writeSnapshot } from '../snapshot-output';

export const statusCommand: CliCommand = {
  usage:
    '[--json] [--fail-on watch|alert] [--process NAME] [--port N] [--peer CIDR] [--data-dir DIR] [--log-file PATH]',
  options: { ...engineFlagOptions, ...outputFlagOptions },
  allowPositionals: false,
  async run(values, _positionals, io) {
    failOnFromFlags(values);
    const snapshot = await withOneShotEngine(
      values,
      io,
      async (engine) => engine.latest() ?? (await engine.sampleNow()),
    );
    return writeSnapshot(snapshot, values, io);
  },
};
