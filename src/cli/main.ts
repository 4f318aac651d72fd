import type { CommandIo } from './command';
import { runCli } from './run-cli';
import { errorLine } from '../shared/error-line';

function processIo(): CommandIo {
  // The first Ctrl-C asks the running command to finish cleanly; if it has not within 2 s, or on a
  // second Ctrl-C, the process exits anyway.
  const interrupted = new Promise<void>((resolve) => {
    const onSignal = (): void => {
      resolve();
      process.once('SIGINT', () => process.exit(130));
      setTimeout(() => process.exit(130), 2000).unref();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    interrupted,
  };
}

// A closed pipe (`apsd-watch status | head`) ends the program quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`apsd-watch: ${errorLine(error)}\n`);
    process.exitCode = 1;
  },
);
