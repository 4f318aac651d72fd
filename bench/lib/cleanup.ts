/**
 * Teardown that runs however a benchmark ends: normally, by an error, or by Ctrl-C. Sockets and
 * long-running children registered here are closed in reverse order; children still alive when
 * the process exits are killed, so a failed run never leaves a socket farm or a browser behind.
 */
import type { ChildProcess } from 'node:child_process';

type Cleanup = () => Promise<void> | void;

const cleanups: Cleanup[] = [];
const children = new Set<ChildProcess>();
let installed = false;

/** Registers a cleanup; the returned function runs it now (once) and unregisters it. */
export function onCleanup(cleanup: Cleanup): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    const at = cleanups.indexOf(once);
    if (at >= 0) cleanups.splice(at, 1);
    await cleanup();
  };
  cleanups.push(once);
  return once;
}

/** Kills `child` at exit if it is still running; it leaves the set by itself when it exits. */
export function trackChild(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs every registered cleanup, newest first; one failing does not stop the rest. */
export async function runCleanups(): Promise<string[]> {
  const errors: string[] = [];
  while (cleanups.length > 0) {
    const cleanup = cleanups[cleanups.length - 1]!;
    try {
      await cleanup();
    } catch (error) {
      errors.push(String((error as Error)?.message ?? error).split('\n')[0]!);
    }
    if (cleanups[cleanups.length - 1] === cleanup) cleanups.pop();
  }
  return errors;
}

/** Ctrl-C and SIGTERM tear down before exiting; a last synchronous kill covers any other exit. */
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbench: ${signal}, cleaning up...\n`);
    void runCleanups().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });
}
