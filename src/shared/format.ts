/**
 * Number and time wording for every side (the verdict, notifications, the CLI, the explainer, the
 * popover): pure, so the renderer may import it, and in one place, so every side words alike.
 */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "12 s", "47 min", "3 h 12 min", "2 d 4 h": two units at most. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown';
  const whole = Math.floor(seconds);
  if (whole < MINUTE) return `${whole} s`;
  if (whole < HOUR) return `${Math.floor(whole / MINUTE)} min`;
  const [big, bigUnit, small, smallUnit] =
    whole < DAY
      ? [Math.floor(whole / HOUR), 'h', Math.floor((whole % HOUR) / MINUTE), 'min']
      : [Math.floor(whole / DAY), 'd', Math.floor((whole % DAY) / HOUR), 'h'];
  return small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** "512 B", "58 KB", "1.2 MB", base 1000 as macOS's Finder counts. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  let shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (shown >= 1000 && unit < BYTE_UNITS.length - 1) {
    shown = 1;
    unit += 1;
  }
  return `${shown} ${BYTE_UNITS[unit]}`;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "10,412", grouped the same way whatever the machine's locale. */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

/** "1 connection", "2,400 connections"; `plural` for irregular nouns. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}

/** "3 h ago" from two ISO times; "at an unknown time" when either does not parse. */
export function formatAgo(then: string, now: string): string {
  const seconds = (Date.parse(now) - Date.parse(then)) / 1000;
  if (!Number.isFinite(seconds)) return 'at an unknown time';
  if (seconds < 1) return 'just now';
  return `${formatDuration(seconds)} ago`;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** A time as the snapshot carries it (ISO 8601), or as a Date or epoch milliseconds. */
export type TimeInput = Date | string | number;

function toDate(time: TimeInput): Date {
  return time instanceof Date ? time : new Date(time);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The one rule for a clock time, local time: "14:02"; with `now`, an earlier day is named
 * ("yesterday 14:02", "3 Aug 14:02", "3 Aug 2025 14:02" in another year) so a time from the log
 * backfill is never mistaken for today.
 */
export function formatClock(time: TimeInput, now?: TimeInput): string {
  const at = toDate(time);
  if (Number.isNaN(at.getTime())) return 'an unknown time';
  const clock = `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
  if (now === undefined) return clock;
  const reference = toDate(now);
  const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const daysAgo = Math.round((dayStart(reference) - dayStart(at)) / (DAY * 1000));
  if (daysAgo === 0) return clock;
  if (daysAgo === 1) return `yesterday ${clock}`;
  const year = at.getFullYear() === reference.getFullYear() ? '' : ` ${at.getFullYear()}`;
  return `${at.getDate()} ${MONTHS[at.getMonth()]}${year} ${clock}`;
}

/** "14:02:09" in local time, for "updated at". */
export function formatClockSeconds(time: TimeInput): string {
  const at = toDate(time);
  return `${formatClock(at)}:${twoDigits(at.getSeconds())}`;
}

/** "1 Sep 2025" in local time, for certificate validity where the year matters. */
export function formatDate(time: TimeInput): string {
  const at = toDate(time);
  return `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()}`;
}

/**
 * A socket's age as this engine saw it: `format(age)`, "≥ format(watched)" when the socket was
 * already open when watching began, "unknown" from a single sample or a saved capture.
 */
export function ageText(
  ageSeconds: number,
  observedSeconds: number,
  format: (seconds: number) => string = formatDuration,
): string {
  if (observedSeconds <= 0) return 'unknown';
  if (ageSeconds >= observedSeconds) return `≥ ${format(observedSeconds)}`;
  return format(ageSeconds);
}
