import { execFile } from 'node:child_process';
import { errorLine } from '../../shared/error-line';

export interface CommandResult {
  stdout: string;
  durationMs: number;
}

export interface RunOptions {
  timeoutMs: number;
  /** Output beyond this is an error, not a silent cut (a sample must never be half a table). */
  maxBufferBytes?: number;
  env?: NodeJS.ProcessEnv;
  /** Aborting kills the child at once (a source being stopped does not wait out the timeout). */
  signal?: AbortSignal;
}

/** Raised for every way a command can fail; `message` is always one line fit for a user. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'timeout' | 'exit' | 'too-large' | 'spawn' | 'aborted',
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/**
 * Runs a program with an argument array (never a shell string), kills it after the timeout and
 * turns every failure into a one-line CommandError.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  const started = performance.now();
  const shown = [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      {
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxBufferBytes ?? 64 * 1024 * 1024,
        encoding: 'utf8',
        env: options.env ?? process.env,
        windowsHide: true,
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (error, stdout, stderr) => {
        const durationMs = performance.now() - started;
        if (!error) return resolve({ stdout, durationMs });
        const err = error as NodeJS.ErrnoException & {
          killed?: boolean;
          signal?: string | null;
          code?: unknown;
        };
        if (err.code === 'ABORT_ERR') {
          // Node reports the abort as soon as it sends the kill: settle only once the child is
          // gone, so a stopped source leaves no process behind.
          const stopped = () => reject(new CommandError(`${shown}: stopped`, 'aborted'));
          if (child.exitCode === null && child.signalCode === null) child.once('exit', stopped);
          else stopped();
          return;
        }
        if (err.code === 'ENOENT')
          return reject(new CommandError(`${file}: command not found`, 'missing'));
        if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
          return reject(
            new CommandError(
              `${shown}: output larger than ${options.maxBufferBytes ?? 64 * 1024 * 1024} bytes`,
              'too-large',
            ),
          );
        if (err.killed && err.signal === 'SIGKILL')
          return reject(
            new CommandError(
              `${shown}: no answer within ${Math.round(options.timeoutMs / 100) / 10} s, killed`,
              'timeout',
            ),
          );
        if (typeof err.code === 'number') {
          const firstLine = String(stderr).trim().split('\n')[0]?.slice(0, 200) ?? '';
          return reject(
            new CommandError(
              `${shown}: exited with ${err.code}${firstLine ? `: ${firstLine}` : ''}`,
              'exit',
            ),
          );
        }
        reject(new CommandError(`${shown}: ${errorLine(err)}`, 'spawn'));
      },
    );
  });
}
