/** Number and time wording shared by the verdict, notifications and reports, so every side agrees. */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "12 s", "47 min", "3 h 12 min", "2 d 4 h": two units at most, because more is noise to a reader. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown';
  const whole = Math.floor(seconds);
  if (whole < MINUTE) return `${whole} s`;
  if (whole < HOUR) return `${Math.floor(whole / MINUTE)} min`;
  if (whole < DAY) {
    const hours = Math.floor(whole / HOUR);
    const minutes = Math.floor((whole % HOUR) / MINUTE);
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
  }
  const days = Math.floor(whole / DAY);
  const hours = Math.floor((whole % DAY) / HOUR);
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/**
 * "512 B", "58 KB", "1.2 MB". Base 1000 (SI: 1 KB = 1000 bytes), as macOS's Finder and Activity
 * Monitor count, so our figures match what the user sees elsewhere on the Mac.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // One decimal only while it carries information ("1.2 MB"), none from 10 up ("58 KB").
  let shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (shown >= 1000 && unit < BYTE_UNITS.length - 1) {
    shown = 1;
    unit += 1;
  }
  return `${shown} ${BYTE_UNITS[unit]}`;
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "10,412": thousands grouped the same way whatever the machine's locale, like the rest of the text. */
export function formatCount(count: number): string {
  return COUNT_FORMAT.format(count);
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * "14:02" in local time; with `now`, an earlier day is named ("yesterday 14:02", "3 Aug 14:02") so
 * a time from the log backfill is never mistaken for today.
 */
export function formatClock(at: Date, now?: Date): string {
  const clock = `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}`;
  if (!now) return clock;
  const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const daysAgo = Math.round((dayStart(now) - dayStart(at)) / (DAY * 1000));
  if (daysAgo === 0) return clock;
  if (daysAgo === 1) return `yesterday ${clock}`;
  const month = at.toLocaleString('en-US', { month: 'short' });
  return `${at.getDate()} ${month} ${clock}`;
}
