/** Small Markdown helpers for the report: tables and code spans that survive odd content. */

/** A code span that holds any text: backticks inside are widened around, newlines flattened. */
export function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A pipe table; cells have `|` escaped and newlines flattened so a row stays one row. */
export function table(header: string[], rows: string[][]): string[] {
  const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}
