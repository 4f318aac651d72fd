/**
 * The connection table's narrow age ("3h 12m"); every other figure, duration and clock time comes
 * from src/shared/format.ts so the popover, CLI, report and explainer word them alike.
 */
import { formatDuration } from '../../shared/format';

/** The table's narrow form: "12s", "47m", "3h 12m", "2d 4h". */
export function formatAge(seconds: number): string {
  return formatDuration(seconds).replace(/ (s|min|h|d)\b/g, (_, unit: string) =>
    unit === 'min' ? 'm' : unit,
  );
}
