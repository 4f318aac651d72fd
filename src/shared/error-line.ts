/** The first line of any thrown value's message, bounded: what a user sees instead of a stack trace. */
export function errorLine(error: unknown, max = 300): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = (text.split(/\r?\n/)[0] ?? '').trim();
  if (!first) return 'unexpected error';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
