/**
 * Runs one command in a fresh process and returns the kernel's account of it (wait4 via
 * rusage-run.py): wall time, user+system CPU including its waited-for children, exit code.
 */
import { runCommand } from '../../src/core/exec/run-command';
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

export interface MeasureOptions {
  keepStdout?: boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

interface WrapperOutput {
  wallMs?: number;
  userMs?: number;
  sysMs?: number;
  exitCode?: number;
  maxRssKb?: number;
  stdoutBytes?: number;
  stdout?: string;
  error?: string;
}

export async function measureProcess(
  argv: readonly string[],
  options: MeasureOptions = {},
): Promise<MeasuredRun> {
  const args = [RUSAGE_RUN, ...(options.keepStdout ? ['--keep-stdout'] : []), '--', ...argv];
  const { stdout } = await runCommand('python3', args, {
    timeoutMs: options.timeoutMs ?? 300_000,
    maxBufferBytes: 256 * 1024 * 1024,
    ...(options.env ? { env: options.env } : {}),
  });
  let out: WrapperOutput;
  try {
    out = JSON.parse(stdout) as WrapperOutput;
  } catch {
    throw new Error(`${argv.join(' ')}: the rusage wrapper printed no result`);
  }
  if (out.error) throw new Error(out.error);
  const userMs = out.userMs ?? NaN;
  const sysMs = out.sysMs ?? NaN;
  return {
    wallMs: out.wallMs ?? NaN,
    cpuMs: userMs + sysMs,
    userMs,
    sysMs,
    exitCode: out.exitCode ?? -1,
    maxRssKb: out.maxRssKb ?? NaN,
    stdoutBytes: out.stdoutBytes ?? 0,
    stdout: out.stdout ?? '',
  };
}
