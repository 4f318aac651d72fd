/**
 * Every help text, made from the command definitions (the registry's names and summaries, each
 * module's args, flags and notes): `apsd-watch --help`, `<command> --help`, and the README's table
 * and docs/cli.md (scripts/cli-docs.mjs writes those; test/cli/cli-docs.test.ts compares).
 */
import type { CliCommand, FlagSpec } from './command';
import type { CommandEntry } from './commands';

const WIDTH = 100;
/** Flags whose label is longer than this start their description on the next line. */
const MAX_LABEL = 28;

export interface DefinedCommand {
  entry: CommandEntry;
  command: CliCommand;
}

/** The version is left out of docs/cli.md (null), which must not change with each release. */
export function topHelp(version: string | null, entries: readonly CommandEntry[]): string {
  const width = Math.max(...entries.map((c) => c.name.length));
  return [
    `apsd-watch${version ? ` ${version}` : ''}: watch macOS's push notification daemon (apsd).`,
    '',
    'Usage: apsd-watch <command> [options]',
    '',
    'Commands:',
    ...entries.flatMap((c) => hang(`  ${c.name.padEnd(width)}  `, c.summary)),
    '',
    "Run `apsd-watch <command> --help` for a command's options.",
  ].join('\n');
}

function usageLine({ entry, command }: DefinedCommand): string {
  const options = Object.keys(command.flags).length > 0 ? ' [options]' : '';
  return `apsd-watch ${entry.name}${command.args ? ` ${command.args}` : ''}${options}`;
}

export function commandHelp(defined: DefinedCommand): string {
  const flags = Object.entries(defined.command.flags);
  const labels = flags.map(([name, flag]) => flagLabel(name, flag));
  const column = Math.min(MAX_LABEL, Math.max(0, ...labels.map((l) => l.length))) + 4;
  const options = flags.flatMap(([, flag], i) => {
    const label = `  ${labels[i]}`;
    return label.length + 2 > column
      ? [label, ...hang(' '.repeat(column), flagText(flag))]
      : hang(label.padEnd(column), flagText(flag));
  });
  return [
    `Usage: ${usageLine(defined)}`,
    '',
    ...wrap(defined.entry.summary, WIDTH),
    ...(options.length ? ['', 'Options:', ...options] : []),
    ...(defined.command.notes?.length
      ? ['', ...defined.command.notes.flatMap((n) => wrap(n, WIDTH))]
      : []),
  ].join('\n');
}

/** `--peer CIDR`, `--json`. */
export function flagLabel(name: string, flag: FlagSpec): string {
  return `--${name}${flag.value ? ` ${flag.value}` : ''}`;
}

/** The description, then the allowed values, the default, and whether it repeats. */
function flagText(flag: FlagSpec): string {
  return [
    flag.description,
    flag.allowed ? `One of: ${flag.allowed.join(', ')}.` : '',
    flag.default ? `Default: ${flag.default}.` : '',
    flag.repeatable ? 'Repeatable.' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The README's table: each command, its arguments, and its summary. */
export function readmeTable(defined: readonly DefinedCommand[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  return [
    '| command | what it does |',
    '| --- | --- |',
    ...defined.map(
      (d) =>
        `| \`${cell(`${d.entry.name}${d.command.args ? ` ${d.command.args}` : ''}`)}\` | ${cell(d.entry.summary)} |`,
    ),
  ].join('\n');
}

/** docs/cli.md: every command's own help, as `apsd-watch <command> --help` prints it. */
export function cliReference(defined: readonly DefinedCommand[]): string {
  return [
    '# The command-line tool',
    '',
    '<!-- Generated from src/cli/commands by `npm run docs:cli`; test/cli/cli-docs.test.ts checks it. -->',
    '',
    'Each section is what `apsd-watch <command> --help` prints.',
    '',
    '```text',
    topHelp(
      null,
      defined.map((d) => d.entry),
    ),
    '```',
    ...defined.flatMap((d) => ['', `## ${d.entry.name}`, '', '```text', commandHelp(d), '```']),
    '',
  ].join('\n');
}

/** `first` then `text` wrapped to WIDTH, later lines indented to line up under the text. */
function hang(first: string, text: string): string[] {
  const lines = wrap(text, WIDTH - first.length);
  return lines.map((line, i) => (i === 0 ? first : ' '.repeat(first.length)) + line);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}
