/** `status`, `explain` and `report` all need one fresh sample with the last 24 h of logs. */
import { createEngine } from '../core/engine';
import type { Engine } from '../core/engine-api';
import type { CommandIo, ParsedValues } from './command';
import { engineOptionsFromFlags } from './engine-flags';
import { APP_VERSION } from './version';

/** Starts an engine that back-fills logs but does not follow them, runs `use`, and always stops it. */
export async function withOneShotEngine<T>(
  values: ParsedValues,
  io: CommandIo,
  use: (engine: Engine) => Promise<T>,
): Promise<T> {
  const engine = createEngine({
    ...engineOptionsFromFlags(values, io.env),
    followLogs: false,
    appVersion: APP_VERSION,
  });
  // Problems met while saving (a full disk) reach stderr too: stdout may be a --json pipe.
  engine.on('warning', (w) => io.stderr.write(`apsd-watch: warning: ${w}\n`));
  try {
    await engine.start();
    return await use(engine);
  } finally {
    await engine.stop();
  }
}
