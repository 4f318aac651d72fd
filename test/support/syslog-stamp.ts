/** "Jan  9 14:03:07": a BSD syslog time stamp in local time, as syslogd writes one. */
const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

export function syslogStamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const day = String(at.getDate()).padStart(2, ' ');
  return `${MONTHS[at.getMonth()]} ${day} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`;
}
