/** A progress bar on stderr for long scans, only when stderr is a terminal and the input is large. */
import type { CommandIo } from './command';

/** Below this a scan finishes before a bar would be worth drawing. */
const WORTH_A_BAR_BYTES = 32 * 1024 * 1024;
const WIDTH = 30;

export function createProgressBar(
  io: CommandIo,
  label: string,
): { update(done: number, total: number): void; finish(): void } {
  const stream = io.stderr;
  let drawn = false;
  let lastPercent = -1;
  return {
    update(done, total) {
      if (!stream.isTTY || total < WORTH_A_BAR_BYTES) return;
      const percent = Math.min(100, Math.floor((done / total) * 100));
      if (percent === lastPercent) return;
      lastPercent = percent;
      const filled = Math.round((percent / 100) * WIDTH);
      const mb = (n: number) => (n / 1e6).toFixed(0);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${percent}% ${mb(done)}/${mb(total)} MB`,
      );
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\u001b[2K');
    },
  };
}
