/**
 * Reads unified-log records (`log stream|show --style ndjson`, and the elements of `--style json`)
 * into events; keys and banners as in docs/sources.md#unified-log. Never throws: a bad line
 * becomes a skip reason the caller counts and reports.
 */
import type { LogEvent } from '../../../shared/snapshot';
import { classifyMessage } from '../kinds/message-kinds';

/** Why a line produced no event. */
type SkipReason = 'blank' | 'banner' | 'trailer' | 'garbled' | 'filtered';

/** The last path segment; unified-log records name the process by its image path. */
function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

export type UnifiedParseResult =
  { event: LogEvent; skip?: undefined } | { event?: undefined; skip: SkipReason };

const TIMESTAMP =
  /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?\s*(Z|[+-]\d\d:?\d\d)?$/;

/**
 * `2025-08-09 10:11:55.521570-0400` -> epoch ms (sub-millisecond digits dropped); null when the
 * text is not such a timestamp. A stamp without a zone is read as local time.
 */
export function parseUnifiedTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const parts = [
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    ms,
  ] as const;
  if (
    parts[1] > 11 ||
    parts[2] < 1 ||
    parts[2] > 31 ||
    parts[3] > 23 ||
    parts[4] > 59 ||
    parts[5] > 60
  )
    return null;
  if (zone === undefined) return new Date(...parts).getTime();
  if (zone === 'Z') return Date.UTC(...parts);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return Date.UTC(...parts) - offsetMinutes * 60_000;
}

export interface UnifiedFields {
  timeMs: number;
  process: string;
  pid: number | null;
  message: string;
}

/** A decoded record's fields; `trailer` for `{"count":N,"finished":1}`, null when not a record. */
export function unifiedRecordFields(record: unknown): UnifiedFields | 'trailer' | null {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return null;
  const r = record as Record<string, unknown>;
  if (!('eventMessage' in r) && 'finished' in r) return 'trailer';
  const message = r.eventMessage;
  const timeMs = typeof r.timestamp === 'string' ? parseUnifiedTimestamp(r.timestamp) : null;
  if (typeof message !== 'string' || timeMs === null) return null;
  const process =
    typeof r.process === 'string'
      ? r.process
      : typeof r.processImagePath === 'string'
        ? baseName(r.processImagePath)
        : null;
  if (process === null) return null;
  const pid = typeof r.processID === 'number' && Number.isInteger(r.processID) ? r.processID : null;
  return { timeMs, process, pid, message };
}

/** One decoded record (an ndjson line or a json-array element) -> event or skip reason. */
export function unifiedRecordToEvent(
  record: unknown,
  processes: ReadonlySet<string>,
): UnifiedParseResult {
  const fields = unifiedRecordFields(record);
  if (fields === 'trailer') return { skip: 'trailer' };
  if (fields === null) return { skip: 'garbled' };
  const { timeMs, process, pid, message } = fields;
  if (!processes.has(process)) return { skip: 'filtered' };
  return {
    event: {
      time: new Date(timeMs).toISOString(),
      kind: classifyMessage(message),
      process,
      pid,
      message,
    },
  };
}

/** One line of `log stream|show --style ndjson` output. */
export function parseUnifiedLogLine(
  line: string,
  processes: ReadonlySet<string>,
): UnifiedParseResult {
  const text = line.trim();
  if (text === '') return { skip: 'blank' };
  if (!text.startsWith('{'))
    return { skip: text.startsWith('Filtering the log data') ? 'banner' : 'garbled' };
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return { skip: 'garbled' };
  }
  return unifiedRecordToEvent(record, processes);
}

/** A batch of ndjson lines -> their events, and the first unreadable line (for one warning). */
export function parseUnifiedLogLines(
  lines: readonly string[],
  processes: ReadonlySet<string>,
): { events: LogEvent[]; firstGarbled: string | null } {
  const events: LogEvent[] = [];
  let firstGarbled: string | null = null;
  for (const line of lines) {
    const result = parseUnifiedLogLine(line, processes);
    if (result.event) events.push(result.event);
    else if (result.skip === 'garbled') firstGarbled ??= line;
  }
  return { events, firstGarbled };
}
