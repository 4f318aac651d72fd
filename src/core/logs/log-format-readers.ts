/**
 * One reader per detected format: bytes in, events and counts out. Each keeps going past bad
 * records and reports what it skipped, so a scan never stops at the first broken line.
 */
import type { LogEvent } from '../../shared/snapshot';
import { CandidateLineReader } from './candidate-lines';
import { JsonArraySplitter } from './json-array-splitter';
import { MAX_RECORD_BYTES } from './log-common';
import { SyslogParser } from './syslog-parse';
import { parseUnifiedLogLine, unifiedRecordToEvent } from './unified-log-parse';
import { countOf } from '../../shared/format';

export interface FormatReader {
  push(chunk: Buffer): void;
  /** Reads what is left (a last line with no newline) and returns the events of the whole file. */
  end(): void;
  readonly events: LogEvent[];
  readonly lines: number;
  /** Skipped-input notes, e.g. "3 lines longer than 64 KiB skipped". */
  problems(): string[];
  /** True when times were dated by inferring a year. */
  readonly yearInferred: boolean;
}

export interface ReaderOptions {
  processes: ReadonlySet<string>;
  /** Events before this ISO time are dropped. */
  sinceIso: string | null;
  /** Latest possible time of a line (the file's modification time) for year inference. */
  referenceMs: number;
}

const LIMIT = `${MAX_RECORD_BYTES / 1024} KiB`;

function needlesOf(processes: ReadonlySet<string>): Buffer[] {
  return [...processes].map((name) => Buffer.from(name, 'utf8'));
}

function keep(events: LogEvent[], found: LogEvent[], sinceIso: string | null): void {
  for (const event of found) if (sinceIso === null || event.time >= sinceIso) events.push(event);
}

function lineProblems(reader: CandidateLineReader, garbled: number): string[] {
  const problems: string[] = [];
  if (reader.oversize)
    problems.push(`${countOf(reader.oversize, 'line')} longer than ${LIMIT} skipped`);
  if (reader.binary) problems.push(`${countOf(reader.binary, 'line')} of binary data skipped`);
  if (garbled) problems.push(`${countOf(garbled, 'unreadable line')} skipped`);
  return problems;
}

export function createSyslogReader(options: ReaderOptions): FormatReader {
  const events: LogEvent[] = [];
  const parser = new SyslogParser({
    processes: options.processes,
    referenceMs: () => options.referenceMs,
  });
  const reader = new CandidateLineReader(needlesOf(options.processes), {
    line: (text) => parser.feed(text),
    gap: () => parser.gap(),
    wantsFollowUp: () => parser.wantsFollowUp,
  });
  return {
    events,
    get lines() {
      return reader.lines;
    },
    get yearInferred() {
      return parser.yearInferred;
    },
    push(chunk) {
      reader.push(chunk);
      keep(events, parser.take(), options.sinceIso);
    },
    end() {
      reader.end();
      parser.flush();
      keep(events, parser.take(), options.sinceIso);
    },
    problems: () => lineProblems(reader, parser.garbled),
  };
}

export function createNdjsonReader(options: ReaderOptions): FormatReader {
  const events: LogEvent[] = [];
  let garbled = 0;
  const reader = new CandidateLineReader(needlesOf(options.processes), {
    line(text) {
      const result = parseUnifiedLogLine(text, options.processes);
      if (result.event) keep(events, [result.event], options.sinceIso);
      else if (result.skip === 'garbled') garbled++;
    },
    gap: () => {},
    wantsFollowUp: () => false,
  });
  return {
    events,
    get lines() {
      return reader.lines;
    },
    yearInferred: false,
    push: (chunk) => reader.push(chunk),
    end: () => reader.end(),
    problems: () => lineProblems(reader, garbled),
  };
}

export function createJsonReader(options: ReaderOptions): FormatReader {
  const events: LogEvent[] = [];
  const needles = needlesOf(options.processes);
  let lines = 0;
  let garbled = 0;
  let oversize = 0;
  const splitter = new JsonArraySplitter({
    element(bytes) {
      if (!needles.some((needle) => bytes.includes(needle))) return;
      let record: unknown;
      try {
        record = JSON.parse(bytes.toString('utf8'));
      } catch {
        garbled++;
        return;
      }
      const result = unifiedRecordToEvent(record, options.processes);
      if (result.event) keep(events, [result.event], options.sinceIso);
      else if (result.skip === 'garbled') garbled++;
    },
    oversize: () => oversize++,
  });
  let ending: string | null = null;
  return {
    events,
    get lines() {
      return lines;
    },
    yearInferred: false,
    push(chunk) {
      for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
      splitter.push(chunk);
    },
    end() {
      ending = splitter.end();
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
