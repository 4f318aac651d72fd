/** Runs `apsd-watch serve` in this process, as a terminal would: the printed URL, then Ctrl-C. */
import { PassThrough } from 'node:stream';
import type { CommandIo } from '../../src/cli/command';
import { runCli } from '../../src/cli/run-cli';

export interface ServeRun {
  exit: Promise<number>;
  /** The `Dashboard: <url>` line's URL, once printed; rejects if serve exits first. */
  printedUrl: Promise<string>;
  /** Plays the user's Ctrl-C. */
  stop(): void;
  out(): string;
  err(): string;
}

/** `args` follow `serve --data-dir <dataDir>`; `env` should name the renderer folder to serve. */
export function startServe(dataDir: string, args: string[], env: NodeJS.ProcessEnv): ServeRun {
  let out = '';
  let err = '';
  const stdout = new PassThrough().on('data', (chunk) => (out += chunk));
  const stderr = new PassThrough().on('data', (chunk) => (err += chunk));
  let stop!: () => void;
  const io: CommandIo = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env,
    interrupted: new Promise<void>((resolve) => (stop = resolve)),
  };
  const exit = runCli(['serve', '--data-dir', dataDir, ...args], io);
  const printedUrl = new Promise<string>((resolve, reject) => {
    stdout.on('data', () => {
      const url = /^Dashboard: (\S+)$/m.exec(out)?.[1];
      if (url) resolve(url);
    });
    void exit.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  printedUrl.catch(() => undefined); // tests of failed starts never ask for the URL
  return { exit, printedUrl, stop, out: () => out, err: () => err };
}
