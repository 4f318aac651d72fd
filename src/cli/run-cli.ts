import { parseArgs } from 'node:util';
import { UsageError, checkAllowedValues, parseArgsOptions, type CommandIo } from './command';
import { commands } from './commands';
import { commandHelp, topHelp } from './help-text';
import { APP_VERSION as VERSION } from './version';
import { errorLine } from '../shared/error-line';
import { InputAbortedError, InputError } from '../core/input/open-input';

/** Runs the CLI and returns its exit code; every error becomes one line on stderr. */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(topHelp(VERSION, commands) + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`apsd-watch: unknown command '${name}'; run \`apsd-watch help\`\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp({ entry, command }) + '\n');
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: parseArgsOptions(command.flags),
      allowPositionals: command.args !== undefined,
      strict: true,
    });
    checkAllowedValues(command.flags, values);
    return await command.run(values, positionals, io);
  } catch (error) {
    io.stderr.write(`apsd-watch ${entry.name}: ${errorLine(error)}
`);
    if (error instanceof InputAbortedError) return 130;
    return error instanceof UsageError || error instanceof InputError || isParseArgsError(error)
      ? 2
      : 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
