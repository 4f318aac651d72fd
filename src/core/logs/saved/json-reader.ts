/**
 * The two ways a log file is read: as lines (every text format, chosen per line: see
 * text-reader) or as one `log show --style json` array. Both keep going past bad records,
 * report what they skipped, account for every line, and hand events over in batches.
 */
import type { LogEvent } from '../../../shared/snapshot';
import { JsonArraySplitter } from './json-array-splitter';
import { INPUT_LIMITS } from '../../input/input-limits';
import type { TextLogFormat } from '../lines/line-formats';
import { unifiedRecordToEvent } from '../lines/unified-log-record';
import { countOf } from '../../../shared/format';

/** Every line of a file is exactly one of records, continuations, framing or not read. */
export interface FileTally {
  lines: number;
  /** Record lines, counted whether decoded or (another process's dated line) only counted. */
  records: number;
  continuations: number;
  /** Blank lines, banners, headers, trailers, prompts, fences, elisions. */
  framing: number;
  notRead: number;
  /** The first line not read: 1-based number and a bounded snippet. */
  firstNotRead: { line: number; text: string } | null;
  /** Decoded records per format. */
  formats: Partial<Record<TextLogFormat | 'json', number>>;
}

export interface FormatReader {
  push(chunk: Buffer): void;
  /** Reads what is left (a last line with no newline). */
  end(): void;
  readonly tally: FileTally;
  /** Events handed to `onEvents` so far. */
  readonly events: number;
  /** Skipped-input notes, e.g. "3 lines longer than 64 KiB skipped". */
  problems(): string[];
  /** How times were completed: a year inferred, a date inferred, or no zone given (local time). */
  readonly notes: { yearInferred: boolean; zoneless: boolean; dateInferred: boolean };
}

export interface ReaderOptions {
  processes: ReadonlySet<string>;
  /** Events before this ISO time are dropped. */
  sinceIso: string | null;
  /** Latest possible time of a line (the file's modification time), for dating. */
  referenceMs: number;
  /** Receives each batch of events as it is read; nothing is kept by the reader. */
  onEvents(events: LogEvent[]): void;
}

const LIMIT = `${INPUT_LIMITS.lineBytes / 1024} KiB`;

export function createJsonReader(options: ReaderOptions, framingLines: number): FormatReader {
  const needles = [...options.processes].map((name) => Buffer.from(name, 'utf8'));
  const tally: FileTally = {
    lines: framingLines,
    records: 0,
    continuations: 0,
    framing: framingLines,
    notRead: 0,
    firstNotRead: null,
    formats: {},
  };
  let events = 0;
  let garbled = 0;
  let oversize = 0;
  const record = () => {
    tally.formats.json = (tally.formats.json ?? 0) + 1;
  };
  let endsInNewline = true;
  const splitter = new JsonArraySplitter({
    element(bytes) {
      if (!needles.some((needle) => bytes.includes(needle))) return record();
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch {
        garbled++;
        return;
      }
      const result = unifiedRecordToEvent(parsed, options.processes);
      if (result.skip === 'garbled') garbled++;
      else record();
      if (!result.event) return;
      if (options.sinceIso !== null && result.event.time < options.sinceIso) return;
      events++;
      options.onEvents([result.event]);
    },
    oversize: () => oversize++,
  });
  let ending: string | null = null;
  return {
    tally,
    get events() {
      return events;
    },
    notes: { yearInferred: false, zoneless: false, dateInferred: false },
    push(chunk) {
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) tally.lines++;
      if (chunk.length) endsInNewline = chunk[chunk.length - 1] === 0x0a;
      splitter.push(chunk);
    },
    end() {
      ending = splitter.end();
      if (!endsInNewline) tally.lines++;
      // A pretty-printed array spreads records over lines: its lines are read as a whole.
      tally.records = tally.lines - tally.framing;
    },
    problems() {
      const problems: string[] = [];
      if (ending) problems.push(`json export ${ending}`);
      if (oversize) problems.push(`${countOf(oversize, 'record')} longer than ${LIMIT} skipped`);
      if (garbled) problems.push(`${countOf(garbled, 'unreadable record')} skipped`);
      return problems;
    },
  };
}
