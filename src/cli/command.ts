/**
 * The shape every CLI command module exports; main.ts only dispatches. A command is defined once:
 * its name and summary in the registry (commands/index.ts), its arguments, flags and notes here.
 * `--help`, each command's help, docs/cli.md and the README's table are all made from these.
 */
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** One flag, as parsed and as explained. */
export interface FlagSpec {
  /** The value's name in help (`N`, `FILE`, `CIDR`); absent for an on/off switch. */
  value?: string;
  /** What it does, in plain words (one or two sentences). */
  description: string;
  /** What applies when the flag is not given, in words. */
  default?: string;
  /** The only values accepted; anything else is refused in one line (exit 2). */
  allowed?: readonly string[];
  /** May be given more than once. */
  repeatable?: boolean;
}

/** Flags by name, without the leading `--`. */
export type FlagSpecs = Record<string, FlagSpec>;

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
  /** The positional arguments after the command name, e.g. `<file|->`; absent: none allowed. */
  args?: string;
  flags: FlagSpecs;
  /** Lines printed after the flags in help: what the flags alone do not say. */
  notes?: readonly string[];
  /** Returns the exit code. Throw UsageError for bad usage or unreadable input (exit 2). */
  run(values: ParsedValues, positionals: string[], io: CommandIo): Promise<number>;
}

/** The flags as node:util parseArgs takes them: a value or a switch, once or repeatable. */
export function parseArgsOptions(flags: FlagSpecs): OptionSpec {
  return Object.fromEntries(
    Object.entries(flags).map(([name, flag]) => [
      name,
      { type: flag.value ? 'string' : 'boolean', ...(flag.repeatable ? { multiple: true } : {}) },
    ]),
  ) as OptionSpec;
}

/** Refuses a value outside a flag's `allowed` list, in the one wording every such flag uses. */
export function checkAllowedValues(flags: FlagSpecs, values: ParsedValues): void {
  for (const [name, flag] of Object.entries(flags)) {
    const given = values[name];
    if (!flag.allowed || given === undefined) continue;
    for (const value of Array.isArray(given) ? given : [given])
      if (!flag.allowed.includes(String(value)))
        throw new UsageError(`--${name}: expected ${orList(flag.allowed)}, got '${String(value)}'`);
  }
}

/** "watch or alert", "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length < 2
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Bad usage or unreadable input: printed as one line on stderr, exit 2, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
