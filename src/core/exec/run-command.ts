import { spawn, type ChildProcess } from 'node:child_process';
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

const POSIX = process.platform !== 'win32';

/**
 * Kills the child and, on POSIX, everything it started: it leads its own process group, so a
 * wrapper script's `sleep` or a pipeline's members die with it instead of piling up.
 */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (POSIX) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Runs a program with an argument array (never a shell string), kills it (and what it started)
 * after the timeout, and turns every failure into a one-line CommandError.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  const started = performance.now();
  const shown = [file, ...args].join(' ');
  const limit = options.maxBufferBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    let ended: 'timeout' | 'aborted' | 'too-large' | null = null;
    // spawn, not execFile: execFile cannot start the child in its own process group.
    const child = spawn(file, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      windowsHide: true,
      detached: POSIX,
    });
    const stop = (why: NonNullable<typeof ended>) => {
      ended ??= why;
      killTree(child);
    };
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limit) stop('too-large');
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
    const abort = () => stop('aborted');
    if (options.signal?.aborted) abort();
    else options.signal?.addEventListener('abort', abort, { once: true });
    let spawnError: NodeJS.ErrnoException | null = null;
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
    });
    // 'close': the process has exited and its output is read to the end.
    child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      // Whatever ended it, nothing it started outlives it.
      killTree(child);
      const durationMs = performance.now() - started;
      if (ended === 'aborted') return reject(new CommandError(`${shown}: stopped`, 'aborted'));
      if (ended === 'timeout')
        return reject(
          new CommandError(
            `${shown}: no answer within ${Math.round(options.timeoutMs / 100) / 10} s, killed`,
            'timeout',
          ),
        );
      if (ended === 'too-large')
        return reject(new CommandError(`${shown}: output larger than ${limit} bytes`, 'too-large'));
      const failure = spawnError as NodeJS.ErrnoException | null;
      if (failure?.code === 'ENOENT')
        return reject(new CommandError(`${file}: command not found`, 'missing'));
      if (failure) return reject(new CommandError(`${shown}: ${errorLine(failure)}`, 'spawn'));
      if (signal) return reject(new CommandError(`${shown}: killed by ${signal}`, 'exit'));
      if (code !== 0) {
        const firstLine = stderr.trim().split('\n')[0]?.slice(0, 200) ?? '';
        return reject(
          new CommandError(
            `${shown}: exited with ${code}${firstLine ? `: ${firstLine}` : ''}`,
            'exit',
          ),
        );
      }
      resolve({ stdout: Buffer.concat(out).toString('utf8'), durationMs });
    });
  });
}
