import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readProcessUsage } from './proc-usage';

const linux = process.platform === 'linux';
if (!linux) console.info('skipped: /proc usage needs Linux');

describe.runIf(linux)('readProcessUsage', () => {
  it('sees a busy child use CPU and memory, and an idle one use almost none', async () => {
    // The busy child says when it has used 300 ms of CPU with 64 MiB touched, then idles: the
    // test waits on that line, not on a clock.
    const used = '(process.cpuUsage().user + process.cpuUsage().system) / 1000';
    const busy = spawn(process.execPath, [
      '-e',
      `const a = Buffer.alloc(64 << 20, 1); while (${used} < 300) a[0]++; console.log('spun'); setInterval(() => {}, 60000);`,
    ]);
    const idle = spawn(process.execPath, ['-e', "console.log('up'); setInterval(() => {}, 60000)"]);
    try {
      await Promise.all([once(busy.stdout, 'data'), once(idle.stdout, 'data')]);
      const busyUsage = readProcessUsage(busy.pid!);
      const idleUsage = readProcessUsage(idle.pid!);
      expect(busyUsage.cpuMs).toBeGreaterThan(250); // schedstat and rusage clocks differ a little
      expect(idleUsage.cpuMs).toBeLessThan(busyUsage.cpuMs);
      expect(busyUsage.peakRssMiB).toBeGreaterThan(64);
      expect(idleUsage.peakRssMiB).toBeLessThan(busyUsage.peakRssMiB);
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
