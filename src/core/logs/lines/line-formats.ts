/**
 * One reader per log text format: a line in, its record (time, process, pid, message) out, or
 * null when the line is not of that format. The classifier (saved/line-roles) picks per line.
 * Shapes as in docs/sources.md#pasted-log-text; the examples are real lines (their origins in
 * test/fixtures/real/SOURCES.md), and the README lists them.
 */
import {
  MONTHS,
  parseSender,
  readSyslogLine,
  type SyslogLine,
  type YearlessTime,
} from './bsd-syslog';
import { unifiedRecordFields } from './unified-log-record';

export type TextLogFormat =
  'syslog' | 'ios-syslog' | 'log-default' | 'log-syslog' | 'log-compact' | 'console' | 'ndjson';

/** When a line happened, as far as the line itself says. */
export type RecordTime =
  /** A full date; `zoned` false when the line gives no zone (read as local time). */
  | { kind: 'exact'; ms: number; zoned: boolean }
  /** BSD syslog: no year, no zone. */
  | YearlessTime
  /** Console.app copies: a time of day, often with its zone offset, and no date. */
  | { kind: 'no-date'; msOfDay: number; offsetMinutes: number | null };

export interface TextRecord {
  format: TextLogFormat;
  time: RecordTime;
  /** Empty when the row's sender is on the next line (a paste wrapped by hand). */
  process: string;
  pid: number | null;
  message: string;
}

export interface LineFormat {
  format: TextLogFormat;
  /** What a person would call it, for "expected ..." messages. */
  label: string;
  read(line: string): TextRecord | null;
}

/** `2025-08-09 10:11:55.521570-0400` as `log` prints it. */
const LOG_STAMP = String.raw`(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{1,9})([+-]\d{4})`;
const LOG_SYSLOG = new RegExp(`^${LOG_STAMP}\\s+(\\S+) (.*)$`);
const LOG_DEFAULT = new RegExp(
  `^${LOG_STAMP}\\s+0x[0-9a-f]+\\s+([A-Z][a-z]+)\\s+0x[0-9a-f]+\\s+(\\d+)\\s+(?:\\d+(?:\\s+|$))?(.*)$`,
);
const COMPACT =
  /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{1,6}) ([A-Z][a-z]?) {1,2}(.+?)\[(\d+):[0-9a-fx]+\] ?(.*)$/;
const CONSOLE_TYPES = new Set(['default', 'info', 'debug', 'error', 'fault', 'notice', 'activity']);
const CONSOLE_TIME =
  /^(?:(\d{4})-(\d\d)-(\d\d) )?(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?: ?([+-]\d{4}))?$/;

function offsetMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
}

/** Date parts -> epoch ms; null for a date or time that does not exist. */
function exactTime(parts: readonly string[], zone: string | undefined): RecordTime | null {
  const [y, mo, d, h, mi, s, frac = ''] = parts.map((p) => p ?? '');
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  if (fields[1] > 11 || fields[2] < 1 || fields[2] > 31 || fields[3] > 23 || fields[4] > 59)
    return null;
  if (fields[5] > 60) return null;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  if (zone === undefined)
    return { kind: 'exact', ms: new Date(...fields, ms).getTime(), zoned: false };
  return { kind: 'exact', ms: Date.UTC(...fields, ms) - offsetMinutes(zone) * 60_000, zoned: true };
}

/** A BSD stamp names a real month (`Foo 12 ...` is not syslog); an ISO stamp is a real date. */
function validStamp(time: SyslogLine['time']): boolean {
  return time.kind === 'no-year' ? MONTHS.includes(time.month) : !Number.isNaN(time.ms);
}

/** `process: message` after the columns of the default style. */
export function splitProcess(rest: string): { process: string; message: string } {
  const colon = rest.indexOf(': ');
  if (colon > 0) return { process: rest.slice(0, colon), message: rest.slice(colon + 2) };
  if (rest.endsWith(':')) return { process: rest.slice(0, -1), message: '' };
  return { process: '', message: rest };
}

/** `May 25 00:48:01 host apsd[106]: Unrecognized leaf certificate` (system.log, 10.9-10.11). */
const bsdSyslog: LineFormat = {
  format: 'syslog',
  label: 'system.log syslog',
  read(line) {
    const syslog = readSyslogLine(line);
    if (!syslog || !validStamp(syslog.time)) return null;
    const sender = parseSender(syslog.rest);
    if (!sender || sender.level !== null) return null;
    const { process, pid, message } = sender;
    return { format: 'syslog', time: syslog.time, process, pid, message };
  },
};

/** `Jul 19 09:36:09 iPhone apsd[109] <Warning>: message` (an iOS device's syslog relayed to a Mac). */
const iosSyslog: LineFormat = {
  format: 'ios-syslog',
  label: 'iOS device syslog',
  read(line) {
    const syslog = readSyslogLine(line);
    if (syslog?.time.kind !== 'no-year' || !validStamp(syslog.time)) return null;
    const sender = parseSender(syslog.rest);
    if (!sender || sender.level === null) return null;
    const { process, pid, message } = sender;
    return { format: 'ios-syslog', time: syslog.time, process, pid, message };
  },
};

/** `2018-10-18 20:15:09.353210-0700  localhost sudo[7142]: message` (`log show --style syslog`). */
const logSyslog: LineFormat = {
  format: 'log-syslog',
  label: '`log` --style syslog',
  read(line) {
    const m = LOG_SYSLOG.exec(line);
    if (!m) return null;
    const sender = parseSender(m[10]!);
    const time = sender && exactTime(m.slice(1, 8), m[8]);
    if (!sender || !time) return null;
    return {
      format: 'log-syslog',
      time,
      process: sender.process,
      pid: sender.pid,
      message: sender.message,
    };
  },
};

/**
 * `2026-01-25 23:03:22.041859+0200 0x150d23a  Info  0x0  6103  0  logger: message`
 * (`log show` / `log stream` default style; columns may be collapsed to single spaces).
 */
const logDefault: LineFormat = {
  format: 'log-default',
  label: '`log show`/`log stream` default style',
  read(line) {
    const m = LOG_DEFAULT.exec(line);
    const time = m && exactTime(m.slice(1, 8), m[8]);
    if (!m || !time) return null;
    const { process, message } = splitProcess(m[11]!);
    return { format: 'log-default', time, process, pid: Number(m[10]), message };
  },
};

/** `2026-08-17 19:20:56.535 Df node[19887:b199c5] [com.apple.securityd:SecError] message` (`--style compact`). */
const logCompact: LineFormat = {
  format: 'log-compact',
  label: '`log` --style compact',
  read(line) {
    const m = COMPACT.exec(line);
    const time = m && exactTime(m.slice(1, 8), undefined);
    if (!m || !time) return null;
    return { format: 'log-compact', time, process: m[9]!, pid: Number(m[10]), message: m[11]! };
  },
};

/**
 * Console.app "Copy": tab-separated shown columns, e.g. `default<TAB>16:34:06.056247 +0200<TAB>apsd<TAB>message`.
 * Which columns appear depends on the window; the type and time come first, the message last.
 */
const consoleCopy: LineFormat = {
  format: 'console',
  label: 'Console copy',
  read(line) {
    if (!line.includes('\t')) return null;
    const fields = line.split('\t');
    let at = CONSOLE_TYPES.has(fields[0]!.toLowerCase()) ? 1 : 0;
    const stamp = CONSOLE_TIME.exec(fields[at] ?? '');
    // An empty message is still a record: its tab may have been trimmed off with the line's end.
    if (!stamp || fields.length < at + 2) return null;
    at++;
    const process = fields[at]!;
    if (process === '' || /^\d+$/.test(process)) return null;
    const pidField = fields.slice(at + 1, -1).find((f) => /^\d+$/.test(f));
    const message = fields.length > at + 1 ? fields[fields.length - 1]! : '';
    const [, y, mo, d, h, mi, s, frac = '', zone] = stamp;
    let time: RecordTime | null;
    if (y) time = exactTime([y, mo!, d!, h!, mi!, s!, frac], zone);
    else {
      const [hour, minute, second] = [Number(h), Number(mi), Number(s)];
      if (hour > 23 || minute > 59 || second > 60) return null;
      const msOfDay =
        ((hour * 60 + minute) * 60 + second) * 1000 + Number(frac.padEnd(3, '0').slice(0, 3));
      time = { kind: 'no-date', msOfDay, offsetMinutes: zone ? offsetMinutes(zone) : null };
    }
    if (!time) return null;
    return { format: 'console', time, process, pid: pidField ? Number(pidField) : null, message };
  },
};

/** `{"eventMessage":"...","processImagePath":"...","timestamp":"..."}` (`--style ndjson`). */
const ndjson: LineFormat = {
  format: 'ndjson',
  label: '`log` --style ndjson',
  read(line) {
    const text = line.trim();
    if (!text.startsWith('{') || !text.endsWith('}')) return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return null;
    }
    const fields = unifiedRecordFields(value);
    if (fields === null || fields === 'trailer') return null;
    return {
      format: 'ndjson',
      time: { kind: 'exact', ms: fields.timeMs, zoned: true },
      process: fields.process,
      pid: fields.pid,
      message: fields.message,
    };
  },
};

/** Most specific first: an iOS line is also BSD-shaped, a `log` syslog line is not a default row. */
export const LINE_FORMATS: readonly LineFormat[] = [
  iosSyslog,
  bsdSyslog,
  logDefault,
  logCompact,
  logSyslog,
  consoleCopy,
  ndjson,
];

/** The order people meet them in, for a refusal that says what was expected. */
const DISPLAY_ORDER: readonly TextLogFormat[] = [
  'syslog',
  'ios-syslog',
  'log-default',
  'log-syslog',
  'log-compact',
  'ndjson',
  'console',
];

/** "system.log syslog, iOS device syslog, ..., `log` --style json". */
export function expectedFormats(): string {
  const labels = DISPLAY_ORDER.map(
    (format) => LINE_FORMATS.find((f) => f.format === format)!.label,
  );
  return [...labels, '`log` --style json'].join(', ');
}
