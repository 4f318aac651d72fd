/** Limits and small helpers shared by the log readers, so every reader treats bad input alike. */

import { INPUT_LIMITS } from '../input/input-limits';

/** A line or record longer than this is skipped with a warning: no apsd message is near it. */
export const MAX_RECORD_BYTES = INPUT_LIMITS.lineBytes;

/** The watched daemon's process name when nothing else is configured. */
export const DEFAULT_LOG_PROCESSES: readonly string[] = ['apsd'];

/** Why a line produced no event. */
export type SkipReason = 'blank' | 'banner' | 'trailer' | 'garbled' | 'filtered';

/** The last path segment; unified-log records name the process by its image path. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** A one-line, bounded rendering of untrusted text for warnings. */
export function snippet(text: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

let minuteCache = { minute: Number.NaN, prefix: '' };

/**
 * `new Date(ms).toISOString()`, faster for runs of nearby times (a scan dates hundreds of
 * thousands of lines): the text up to the minute is reused. Zone offsets are whole minutes, so
 * a UTC minute never splits a local one.
 */
export function isoTime(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  if (minute !== minuteCache.minute) {
    const iso = new Date(minute * 60_000).toISOString();
    if (iso.length !== 24) return new Date(ms).toISOString();
    minuteCache = { minute, prefix: iso.slice(0, 17) };
  }
  const withinMinute = ms - minute * 60_000;
  const seconds = Math.floor(withinMinute / 1000);
  const millis = withinMinute - seconds * 1000;
  return `${minuteCache.prefix}${seconds < 10 ? '0' : ''}${seconds}.${String(millis).padStart(3, '0')}Z`;
}
