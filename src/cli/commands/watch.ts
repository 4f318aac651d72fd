/** `apsd-watch watch`: a live terminal view, redrawn each interval, until Ctrl-C. */
import { createEngine } from '../../core/engine';
import type { Snapshot } from '../../shared/snapshot';
import type { CliCommand, CommandIo } from '../command';
import { engineFlags, engineOptionsFromFlags } from '../engine-flags';
import { renderSnapshot } from '../render-snapshot';
import { APP_VERSION } from '../version';

const CLEAR = '\u001b[H\u001b[2J';

/** On a terminal: redraw the whole view. In a pipe or file: one line per sample, for logging. */
function drawer(io: CommandIo): (snapshot: Snapshot) => void {
  if (io.stdout.isTTY) {
    const color = !io.env.NO_COLOR;
    return (snapshot) => {
      const rows = Math.max(5, ((io.stdout as { rows?: number }).rows ?? 40) - 30);
      io.stdout.write(
        CLEAR +
          renderSnapshot(snapshot, { color, maxRows: rows }) +
          `\n${snapshot.takenAt}  Ctrl-C to stop\n`,
      );
    };
  }
  return (snapshot) => {
    const c = snapshot.connections;
    io.stdout.write(
      `${snapshot.takenAt} ${snapshot.verdict.level} total=${c.total} established=${c.established.count} fin_wait_1=${c.finWait1.count} send_q=${c.finWait1.sendQueueBytes} ${snapshot.verdict.headline}\n`,
    );
  };
}

export const watchCommand: CliCommand = {
  flags: engineFlags,
  notes: ['On a terminal the view is redrawn; in a pipe or a file, one line per sample.'],
  async run(values, _positionals, io) {
    const engine = createEngine({
      ...engineOptionsFromFlags(values, io.env),
      appVersion: APP_VERSION,
    });
    const draw = drawer(io);
    engine.on('snapshot', draw);
    engine.on('notification', (n) => io.stderr.write(`\u0007notice: ${n.title}\n`));
    // Said as they happen (a full disk at the first failed save), not only inside a redraw.
    engine.on('warning', (w) => io.stderr.write(`apsd-watch watch: warning: ${w}\n`));
    try {
      await engine.start();
      await io.interrupted;
    } finally {
      await engine.stop();
    }
    return 0;
  },
};
