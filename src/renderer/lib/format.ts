/** Number, size, time and duration formatting for the popover: short, English, unambiguous. */

const counter = new Intl.NumberFormat('en-US');

/** "10,412". */
export function formatCount(value: number): string {
  return counter.format(value);
}

/** Decimal units (1 KB = 1000 B), like Finder, so numbers match what macOS shows. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** "12 s", "47 min", "3 h 12 min", "2 d 4 h": two units at most. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

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

/** "just now", "12 min ago", "3 h ago". */
export function formatAgo(time: string | number | Date, now: string | number | Date): string {
  const seconds = (toDate(now).getTime() - toDate(time).getTime()) / 1000;
  if (seconds < 45) return 'just now';
  return `${formatDuration(seconds).split(' ').slice(0, 2).join(' ')} ago`;
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
