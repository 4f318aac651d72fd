import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readProcessUsage } from './proc-usage';

const linux = process.platform === 'linux';
if (!linux) console.info('skipped: /proc usage needs Linux');

describe.runIf(linux)('readProcessUsage', () => {
  it('sees a busy child use CPU and memory, and an idle one use almost none', async () => {
    const busy = spawn(process.execPath, [
      '-e',
      'const a = Buffer.alloc(64 << 20, 1); for (;;) a[0]++;',
    ]);
    const idle = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000)']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const busyBefore = readProcessUsage(busy.pid!);
      const idleBefore = readProcessUsage(idle.pid!);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const busyAfter = readProcessUsage(busy.pid!);
      const idleAfter = readProcessUsage(idle.pid!);
      expect(busyAfter.cpuMs - busyBefore.cpuMs).toBeGreaterThan(100);
      expect(idleAfter.cpuMs - idleBefore.cpuMs).toBeLessThan(busyAfter.cpuMs - busyBefore.cpuMs);
      expect(busyAfter.peakRssMiB).toBeGreaterThan(64);
      expect(idleAfter.peakRssMiB).toBeLessThan(busyAfter.peakRssMiB);
    } finally {
      busy.kill('SIGKILL');
      idle.kill('SIGKILL');
      await Promise.all([once(busy, 'exit'), once(idle, 'exit')]);
    }
  });

  it('throws once the process is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0']);
    await once(child, 'exit');
    expect(() => readProcessUsage(child.pid!)).toThrow();
  });
});
