/**
 * Time wording only the popover needs (clock times, table ages, intervals); counts, sizes and
 * durations come from src/shared/format.ts so the popover, CLI and explainer word figures alike.
 */
import { formatDuration } from '../../shared/format';

/** The table's narrow form: "12s", "47m", "3h 12m", "2d 4h". */
export function formatAge(seconds: number): string {
  return formatDuration(seconds).replace(/ (s|min|h|d)\b/g, (_, unit: string) =>
    unit === 'min' ? 'm' : unit,
  );
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function toDate(time: string | number | Date): Date {
  return time instanceof Date ? time : new Date(time);
}

/** "14:02" in local time. */
export function formatClock(time: string | number | Date): string {
  const date = toDate(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "14:02:09" in local time, for "updated at". */
export function formatClockSeconds(time: string | number | Date): string {
  const date = toDate(time);
  return `${formatClock(date)}:${pad(date.getSeconds())}`;
}

/** "14:02" on the same day as `now`, "Mar 12, 14:02" otherwise. */
export function formatWhen(time: string | number | Date, now: string | number | Date): string {
  const date = toDate(time);
  const reference = toDate(now);
  if (date.toDateString() === reference.toDateString()) return formatClock(date);
  return `${MONTHS[date.getMonth()]} ${date.getDate()}, ${formatClock(date)}`;
}

/** "Sep 1, 2025" in local time, for certificate validity where the year matters. */
export function formatDate(time: string | number | Date): string {
  const date = toDate(time);
  return `${MONTHS[date.getMonth()]} ${date.getDate()}, ${date.getFullYear()}`;
}

/** A gap rounded the way people say it: "~90 min", "~12 min", "~3 h", "~40 s". */
export function formatInterval(seconds: number): string {
  if (seconds < 90) return `~${Math.max(1, Math.round(seconds))} s`;
  const minutes = seconds / 60;
  if (minutes < 20) return `~${Math.round(minutes)} min`;
  if (minutes < 150) return `~${Math.round(minutes / 5) * 5} min`;
  const hours = minutes / 60;
  if (hours < 48) return `~${Math.round(hours)} h`;
  return `~${Math.round(hours / 24)} d`;
}
