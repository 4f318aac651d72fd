/** `apsd-watch status`: one sample now, plus the last 24 h of the daemon's log lines. */
import type { CliCommand } from '../command';
import { engineFlags } from '../engine-flags';
import { withOneShotEngine } from '../one-shot-engine';
import { failOnFromFlags, outputFlags, writeSnapshot } from '../snapshot-output';

export const statusCommand: CliCommand = {
  flags: { ...outputFlags, ...engineFlags },
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
