import { describe, expect, it } from 'vitest';
import { measureProcess } from './measured-run';

// Spins until the process itself has used this much CPU, so a loaded machine cannot shorten it.
const spin = (ms: number) => {
  const used = '(process.cpuUsage().user + process.cpuUsage().system) / 1000';
  return `while (${used} < ${ms});`;
};

describe('measureProcess (rusage-run.py)', () => {
  it("counts a child's CPU, including a grandchild it waited for", async () => {
    const grandchild = `require('node:child_process').execFileSync(process.execPath, ['-e', ${JSON.stringify(spin(300))}]);`;
    const run = await measureProcess([process.execPath, '-e', grandchild]);
    expect(run.exitCode).toBe(0);
    expect(run.cpuMs).toBeGreaterThanOrEqual(280);
    expect(run.cpuMs).toBeCloseTo(run.userMs + run.sysMs, 6);
    expect(run.wallMs).toBeGreaterThanOrEqual(run.cpuMs * 0.5);
  });

  it('drains stdout through a pipe, and returns it only when asked', async () => {
    const print = "process.stdout.write('x'.repeat(300000) + '\\n')";
    const counted = await measureProcess([process.execPath, '-e', print]);
    expect(counted.stdoutBytes).toBe(300_001);
    expect(counted.stdout).toBe('');
    const kept = await measureProcess([process.execPath, '-e', print], { keepStdout: true });
    expect(kept.stdout.length).toBe(300_001);
  });

  it('reports the exit code of a failing command, and a missing one as an error', async () => {
    expect((await measureProcess([process.execPath, '-e', 'process.exit(3)'])).exitCode).toBe(3);
    await expect(measureProcess(['/nonexistent/tool'])).rejects.toThrow('/nonexistent/tool');
  });
});
