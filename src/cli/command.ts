/** The shape every CLI command module exports; main.ts only dispatches. */
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  /** Resolves when the user asks to stop (Ctrl-C); long-running commands await it. */
  interrupted: Promise<void>;
}

/** A command's module; its name and summary live in the registry (commands/index.ts). */
export interface CliCommand {
  /** Usage line(s) after the command name, e.g. `<file|-> [--json]`. */
  usage: string;
  options: OptionSpec;
  allowPositionals: boolean;
  /** Returns the exit code. Throw UsageError for bad usage or unreadable input (exit 2). */
  run(values: ParsedValues, positionals: string[], io: CommandIo): Promise<number>;
}

/** Bad usage or unreadable input: printed as one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
