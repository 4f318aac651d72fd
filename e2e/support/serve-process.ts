/** Runs the built CLI's `serve` as a real child process and reads the URL it prints once. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/apsd-watch.mjs', import.meta.url));
const URL_LINE = /^Dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/m;

export interface ServeProcess {
  url: string;
  port: number;
  token: string;
  origin: string;
  /** The serve process's pid, for reading its memory from /proc. */
  pid: number;
  /** Everything printed so far, for assertions and for failure messages. */
  stdout(): string;
  stderr(): string;
  /** Sends Ctrl-C (SIGINT) and resolves with the exit code. */
  stop(): Promise<number | null>;
}

export async function startServe(args: string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const check = (): void => {
      const found = URL_LINE.exec(out);
      if (found) resolve(found);
    };
    child.stdout!.on('data', check);
    void exited.then((code) =>
      reject(
        new Error(`apsd-watch serve exited with ${code} before printing its URL: ${err.trim()}`),
      ),
    );
  });
  const port = Number(match[2]);
  return {
    url: match[1]!,
    port,
    token: match[3]!,
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(
  child: ChildProcess,
  exited: Promise<number | null>,
): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  child.kill('SIGINT');
  return exited;
}
