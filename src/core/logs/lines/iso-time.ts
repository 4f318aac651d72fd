/** Event times as ISO text: the one place a record's time becomes a string. */

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
