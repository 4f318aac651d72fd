import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandError, runCommand } from './run-command';

describe('runCommand', () => {
  it('returns stdout of a real child process', async () => {
    const result = await runCommand('node', ['-e', 'process.stdout.write("a b")'], {
      timeoutMs: 10_000,
    });
    expect(result.stdout).toBe('a b');
  });

  it('passes arguments verbatim, with no shell in between', async () => {
    const result = await runCommand(
      'node',
      ['-e', 'process.stdout.write(process.argv[1])', '$(echo hi); rm -rf /'],
      { timeoutMs: 10_000 },
    );
    expect(result.stdout).toBe('$(echo hi); rm -rf /');
  });

  it('reports a missing binary in one line', async () => {
    await expect(
      runCommand('no-such-binary-apsd-watch', [], { timeoutMs: 1000 }),
    ).rejects.toMatchObject({
      reason: 'missing',
      message: 'no-such-binary-apsd-watch: command not found',
    });
  });

  it('kills a command that hangs', async () => {
    const err = await runCommand('node', ['-e', 'setTimeout(() => {}, 60000)'], {
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).reason).toBe('timeout');
    expect((err as CommandError).message).not.toContain('\n');
  });

  it('reports a non-zero exit with the first stderr line', async () => {
    const err = (await runCommand('node', ['-e', 'console.error("boom\\nmore"); process.exit(3)'], {
      timeoutMs: 10_000,
    }).catch((e: unknown) => e)) as CommandError;
    expect(err.reason).toBe('exit');
    expect(err.message).toMatch(/exited with 3: boom$/);
  });

  it('refuses output over the limit instead of truncating it', async () => {
    const err = (await runCommand('node', ['-e', 'process.stdout.write("x".repeat(5000))'], {
      timeoutMs: 10_000,
      maxBufferBytes: 1000,
    }).catch((e: unknown) => e)) as CommandError;
    expect(err.reason).toBe('too-large');
  });
});

describe('runCommand cancellation', () => {
  it('kills the child as soon as the signal aborts, long before its timeout', async () => {
    const controller = new AbortController();
    const running = runCommand('node', ['-e', 'setTimeout(() => {}, 60000)'], {
      timeoutMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const err = (await running.catch((e: unknown) => e)) as CommandError;
    expect(err.reason).toBe('aborted');
    expect(err.message).toMatch(/: stopped$/);
  });

  it('settles only after the aborted child has exited, leaving no process behind', async () => {
    const controller = new AbortController();
    const pidFile = join(mkdtempSync(join(tmpdir(), 'apsd-watch-abort-')), 'pid');
    const running = runCommand(
      'node',
      [
        '-e',
        `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`,
      ],
      { timeoutMs: 60_000, signal: controller.signal },
    );
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '')
      await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await running.catch(() => undefined);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
