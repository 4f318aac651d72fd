/**
 * The one reader of BSD syslog lines (`/var/log/system.log`, 10.9-10.11, and iOS device syslog
 * relayed to a Mac; docs/sources.md#unified-log): the stamp, the sender and syslog's repeat note.
 * The live follower's SyslogParser and the saved-file line formats (line-formats) both read
 * through it. SyslogParser also joins multi-line messages, expands
 * `--- last message repeated N times ---` and dates year-less lines.
 */
import type { LogEvent } from '../../../shared/snapshot';
import { RecordAssembler } from './record-assembler';

export const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
/** `May  7 21:54:23`: month name, day (space-padded), time; no year, no zone. */
const BSD_STAMP = String.raw`([A-Z][a-z]{2}) ([ \d]?\d) (\d\d):(\d\d):(\d\d)`;
/** `--- last message repeated 2 times ---` */
const REPEAT_NOTE = String.raw`--- last message repeated (\d+) times? ---`;
const BSD_LINE = new RegExp(`^${BSD_STAMP} (\\S+) (.*)$`);
const ISO_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)) (\S+) (.*)$/;
const REPEAT = new RegExp(`^${REPEAT_NOTE}\\s*$`);
/** A repeat note alone, or behind a BSD stamp with or without the host. */
const REPEAT_LINE = new RegExp(`^(?:${BSD_STAMP} (?:\\S+ )?)?${REPEAT_NOTE}\\s*$`);
const PID_SUFFIX = /\[(\d+)\]$/;
/** iOS device syslog puts the level after the pid: `apsd[870] <Warning>:`. */
const IOS_LEVEL = / <([A-Z][a-z]+)>$/;
const LIBRARY_SUFFIX = /\([^()]*\)$/;
/** A line may be dated up to a day after the reference time (clock skew, DST) and still be this year. */
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

/** A BSD stamp's parts as written. */
export interface YearlessTime {
  kind: 'no-year';
  month: string;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** A syslog line cut after its stamp and host; `rest` is `sender: message` or a repeat note. */
export interface SyslogLine {
  /** A BSD stamp as written, or an ISO stamp's epoch ms (NaN when the date does not exist). */
  time: YearlessTime | { kind: 'exact'; ms: number; zoned: true };
  rest: string;
}

function yearless(m: RegExpExecArray): YearlessTime {
  const [day, hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  return { kind: 'no-year', month: m[1]!, day, hour, minute, second };
}

/** `May 25 00:48:01 host rest` or `2025-05-07T21:54:23+02:00 host rest`; null for any other line. */
export function readSyslogLine(line: string): SyslogLine | null {
  const bsd = BSD_LINE.exec(line);
  if (bsd) return { time: yearless(bsd), rest: bsd[7]! };
  const iso = ISO_LINE.exec(line);
  if (iso) return { time: { kind: 'exact', ms: Date.parse(iso[1]!), zoned: true }, rest: iso[3]! };
  return null;
}

/** N from `--- last message repeated N times ---` (trailing blanks allowed); null otherwise. */
function repeatCount(text: string): number | null {
  const m = REPEAT.exec(text);
  return m ? Number(m[1]) : null;
}

/** A repeat note on its own line, bare or behind a BSD stamp (with or without the host). */
export function readRepeatLine(line: string): { count: number; time: YearlessTime | null } | null {
  const m = REPEAT_LINE.exec(line);
  if (!m) return null;
  return { count: Number(m[6]), time: m[1] ? yearless(m) : null };
}

/**
 * Dates a year-less local syslog time: the latest year that does not put it after `referenceMs`
 * (a file's modification time, or now). Null for an impossible date.
 */
export function inferSyslogTime(
  month: number,
  day: number,
  hms: readonly [number, number, number],
  referenceMs: number,
): number | null {
  const referenceYear = new Date(referenceMs).getFullYear();
  // Eight years back reaches a leap year for Feb 29 whatever the reference.
  for (let year = referenceYear + 1; year >= referenceYear - 8; year--) {
    const date = new Date(year, month, day, ...hms);
    if (date.getMonth() !== month || date.getDate() !== day) continue;
    if (date.getTime() <= referenceMs + FUTURE_TOLERANCE_MS) return date.getTime();
  }
  return null;
}

/**
 * `name[pid]: msg`, `name: msg`, launchd's `name[pid] (job[pid]): msg`, and iOS device syslog's
 * `name[pid] <Level>: msg` or `name(Library)[pid] <Level>: msg`; names may hold spaces. The
 * sender ends at the first colon.
 */
export function parseSender(
  rest: string,
): { process: string; pid: number | null; message: string; level: string | null } | null {
  const colon = rest.indexOf(':');
  if (colon <= 0) return null;
  let head = rest.slice(0, colon);
  const level = IOS_LEVEL.exec(head);
  if (level) head = head.slice(0, level.index);
  else if (head.endsWith(')')) {
    const job = head.lastIndexOf(' (');
    if (job > 0) head = head.slice(0, job);
  }
  const pid = PID_SUFFIX.exec(head);
  let process = pid ? head.slice(0, pid.index) : head;
  const library = level ? LIBRARY_SUFFIX.exec(process) : null;
  if (library) process = process.slice(0, library.index);
  if (process === '') return null;
  const start = rest.charCodeAt(colon + 1) === 0x20 ? colon + 2 : colon + 1;
  return {
    process,
    pid: pid ? Number(pid[1]) : null,
    message: rest.slice(start),
    level: level ? level[1]! : null,
  };
}

export interface SyslogParserOptions {
  processes: ReadonlySet<string>;
  /** Latest possible time of any line, for year inference; a function so a live reader can use now. */
  referenceMs: () => number;
}

/** Line-at-a-time parser; events come out of `take()` once a message is known to be complete. */
export class SyslogParser {
  /** Dated lines whose date or sender could not be read. */
  garbled = 0;
  /** True once a year-less BSD timestamp had its year inferred. */
  yearInferred = false;
  private readonly dater: BsdDater;
  private readonly assembler: RecordAssembler;

  constructor(options: SyslogParserOptions) {
    this.dater = new BsdDater(options.referenceMs);
    this.assembler = new RecordAssembler(options.processes);
  }

  /** True while the current message may still grow or repeat: feed the next line even unmatched. */
  get wantsFollowUp(): boolean {
    return this.assembler.wantsFollowUp;
  }

  feed(line: string): void {
    const parts = readSyslogLine(line);
    if (!parts) {
      this.continueOrRepeat(line, null);
      return;
    }
    const { time, rest } = parts;
    const timeMs = time.kind === 'no-year' ? this.bsdTime(time) : time.ms;
    if (timeMs === null || Number.isNaN(timeMs)) {
      this.assembler.end();
      this.garbled++;
      return;
    }
    const repeats = repeatCount(rest);
    if (repeats !== null) {
      this.assembler.repeat(repeats, timeMs);
      return;
    }
    this.assembler.end();
    const sender = parseSender(rest);
    if (!sender) {
      this.garbled++;
      return;
    }
    this.assembler.start(timeMs, sender.process, sender.pid, sender.message);
  }

  /** Lines were left out since the last feed: the next unprefixed line continues nothing known. */
  gap(): void {
    this.assembler.forget();
  }

  /** Emits the message in progress; call at end of input or when a live file goes quiet. */
  flush(): void {
    this.assembler.end();
  }

  /** Completed events since the last call. */
  take(): LogEvent[] {
    return this.assembler.take();
  }

  private continueOrRepeat(text: string, timeMs: number | null): void {
    const repeats = repeatCount(text.trim());
    if (repeats !== null) this.assembler.repeat(repeats, timeMs);
    // A continuation with no message before it (file start, or after left-out lines) belongs to
    // a message that was not ours; it is dropped.
    else this.assembler.continueWith(text);
  }

  private bsdTime(stamp: YearlessTime): number | null {
    const time = this.dater.date(stamp);
    if (time !== null) this.yearInferred = true;
    return time;
  }
}

/**
 * Dates year-less local BSD stamps (`May  7 21:54:23`) against a reference time: the latest year
 * that does not put the line after it.
 */
export class BsdDater {
  private hourCache: { key: number; startMs: number; referenceMs: number } | null = null;

  constructor(private readonly referenceMs: () => number) {}

  /** Epoch ms, or null for an impossible date or time. */
  date({ month: monthName, day, hour, minute, second }: YearlessTime): number | null {
    const month = MONTHS.indexOf(monthName);
    if (month === -1 || hour > 23 || minute > 59 || second > 60) return null;
    const referenceMs = this.referenceMs();
    const withinHour = minute * 60_000 + second * 1000;
    const key = (month * 32 + day) * 24 + hour;
    // Local-time date maths is slow, so lines of one hour share the hour's start (refreshed when
    // a live reference moves on); a time past the reference falls through to the full inference,
    // which may pick the year before.
    const cache = this.hourCache;
    if (cache?.key !== key || referenceMs - cache.referenceMs > 3600_000) {
      const startMs = inferSyslogTime(month, day, [hour, 0, 0], referenceMs);
      this.hourCache = startMs === null ? null : { key, startMs, referenceMs };
    }
    const startMs = this.hourCache?.startMs;
    if (startMs !== undefined && startMs + withinHour <= referenceMs + FUTURE_TOLERANCE_MS)
      return startMs + withinHour;
    return inferSyslogTime(month, day, [hour, minute, second], referenceMs);
  }
}
