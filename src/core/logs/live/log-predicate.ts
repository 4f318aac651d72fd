/** Builds `log` predicates; each is passed as ONE argv element, never through a shell. */

/** A predicate string literal: backslashes and double quotes escaped. */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `process == "apsd"`, or several names joined with OR. */
export function processPredicate(processes: readonly string[]): string {
  return processes.map((name) => `process == ${quoted(name)}`).join(' OR ');
}

/** A command line for display (status, reports): arguments with spaces or quotes single-quoted. */
export function displayCommand(file: string, args: readonly string[]): string {
  return [file, ...args]
    .map((arg) => (/^[\w./=-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`))
    .join(' ');
}
