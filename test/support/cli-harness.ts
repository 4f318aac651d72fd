/** Runs the CLI in this process with captured streams, as a user's terminal would see it. */
import { PassThrough } from 'node:stream';
import type { CommandIo } from '../../src/cli/command';
import { runCli } from '../../src/cli/run-cli';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliRunOptions {
  stdin?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Resolve to stop a long-running command, as Ctrl-C does. */
  interrupted?: Promise<void>;
}

export async function runCliCaptured(args: string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  stdin.end(options.stdin ?? '');
  const io: CommandIo = {
    stdout,
    stderr,
    stdin,
    env: options.env ?? {},
    interrupted: options.interrupted ?? new Promise(() => undefined),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}
