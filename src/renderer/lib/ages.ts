/**
 * Socket ages are the engine's own observation, so a socket already open when watching began is
 * at least as old as the watch, and a single sample (or a saved capture) knows no ages at all.
 */

/** `format(age)`, "≥ format(watched)" when the socket predates the watch, "unknown" without one. */
export function ageText(
  ageSeconds: number,
  observedSeconds: number,
  format: (seconds: number) => string,
): string {
  if (observedSeconds <= 0) return 'unknown';
  if (ageSeconds >= observedSeconds) return `≥ ${format(observedSeconds)}`;
  return format(ageSeconds);
}
