/**
 * Runs one command in a fresh process and returns the kernel's account of it (wait4 via
 * rusage-run.py): wall time, user+system CPU including its waited-for children, peak RSS.
 */
import { execFile } from 'node:child_process';
import { RUSAGE_RUN } from './paths';

export interface MeasuredRun {
  wallMs: number;
  cpuMs: number;
  userMs: number;
  sysMs: number;
  exitCode: number;
  /** Peak resident set of the process or its largest waited-for child (ru_maxrss), KiB. */
  maxRssKb: number;
  stdoutBytes: number;
  /** Only with `keepStdout`. */
  stdout: string;
}

export function measureProcess(
  argv: readonly string[],
  options: { keepStdout?: boolean; timeoutMs?: number } = {},
): Promise<MeasuredRun> {
  const args = [RUSAGE_RUN, ...(options.keepStdout ? ['--keep-stdout'] : []), '--', ...argv];
  const limits = { timeout: options.timeoutMs ?? 300_000, maxBuffer: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    execFile('python3', args, limits, (error, stdout) => {
      if (error) return reject(new Error(`${argv.join(' ')}: ${error.message.split('\n')[0]}`));
      let out: Partial<MeasuredRun> & { error?: string };
      try {
        out = JSON.parse(stdout) as typeof out;
      } catch {
        return reject(new Error(`${argv.join(' ')}: the rusage wrapper printed no result`));
      }
      if (out.error) return reject(new Error(out.error));
      const userMs = out.userMs ?? NaN;
      const sysMs = out.sysMs ?? NaN;
      resolve({
        wallMs: out.wallMs ?? NaN,
        cpuMs: userMs + sysMs,
        userMs,
        sysMs,
        exitCode: out.exitCode ?? -1,
        maxRssKb: out.maxRssKb ?? NaN,
        stdoutBytes: out.stdoutBytes ?? 0,
        stdout: out.stdout ?? '',
      });
    }),
  );
}
