/**
 * Reads log text of any line format into events: the classifier names each line, and this joins
 * multi-line messages, expands syslog repeats, dates lines that lack a year or a date, and keeps
 * the tally that accounts for every line. Events leave in batches; none are kept here.
 */
import { CandidateLineReader } from './candidate-lines';
import type { FileTally, FormatReader, ReaderOptions } from './json-reader';
import { LineClassifier, type LineClass } from './line-roles';
import { splitProcess, type RecordTime, type TextRecord } from '../lines/line-formats';
import { INPUT_LIMITS } from '../../input/input-limits';
import { snippet } from '../../input/untrusted-snippet';
import { RecordAssembler } from '../lines/record-assembler';
import { BsdDater } from '../lines/bsd-syslog';
import { countOf, formatCount } from '../../../shared/format';

const DAY_MS = 86_400_000;
/** A dateless Console time up to an hour after the reference is still that day (clock skew). */
const SAME_DAY_TOLERANCE_MS = 3600_000;

/** A Console.app time of day -> the latest such moment not after the reference time. */
export function dateTimeOfDay(
  msOfDay: number,
  offsetMinutes: number | null,
  referenceMs: number,
): number {
  let dayStart: number;
  if (offsetMinutes === null) {
    const local = new Date(referenceMs);
    local.setHours(0, 0, 0, 0);
    dayStart = local.getTime();
  } else {
    const shifted = referenceMs + offsetMinutes * 60_000;
    dayStart = Math.floor(shifted / DAY_MS) * DAY_MS - offsetMinutes * 60_000;
  }
  const ms = dayStart + msOfDay;
  return ms > referenceMs + SAME_DAY_TOLERANCE_MS ? ms - DAY_MS : ms;
}

export class TextLogReader implements FormatReader {
  readonly tally: FileTally = {
    lines: 0,
    records: 0,
    continuations: 0,
    framing: 0,
    notRead: 0,
    firstNotRead: null,
    formats: {},
  };
  readonly notes = { yearInferred: false, zoneless: false, dateInferred: false };
  events = 0;
  private readonly lines: CandidateLineReader;
  private readonly classifier = new LineClassifier();
  private readonly dater: BsdDater;
  private readonly assembler: RecordAssembler;
  private oversize = 0;
  private binary = 0;
  private impossible = 0;
  /** False when the first line not read was binary or oversize: its text is a description. */
  private firstIsText = true;

  constructor(private readonly options: ReaderOptions) {
    this.dater = new BsdDater(() => options.referenceMs);
    this.assembler = new RecordAssembler(options.processes, options.sinceIso);
    const needles = [...options.processes].map((name) => Buffer.from(name, 'utf8'));
    this.lines = new CandidateLineReader(needles, {
      line: (text, n) => this.accept(this.classifier.classify(text), text, n),
      undecoded: () => this.otherRecord(),
      broken: (reason, n) => this.broken(reason, n),
      wantsFollowUp: () => this.assembler.wantsFollowUp,
    });
  }

  push(chunk: Buffer): void {
    this.lines.push(chunk);
    this.tally.lines = this.lines.lines;
    this.release();
  }

  end(): void {
    this.lines.end();
    this.tally.lines = this.lines.lines;
    this.assembler.end();
    this.release();
  }

  /** `12 lines not read (3 of binary data), the first at line 4: "..."`, or nothing. */
  problems(): string[] {
    const first = this.tally.firstNotRead;
    if (!first) return [];
    const limit = `${INPUT_LIMITS.lineBytes / 1024} KiB`;
    const why = [
      this.binary ? `${formatCount(this.binary)} of binary data` : null,
      this.oversize ? `${formatCount(this.oversize)} longer than ${limit}` : null,
      this.impossible ? `${formatCount(this.impossible)} with an impossible date` : null,
    ].filter((w) => w !== null);
    const detail = why.length ? ` (${why.join(', ')})` : '';
    return [
      `${countOf(this.tally.notRead, 'line')} not read${detail}, the first at line ${formatCount(first.line)}: ${this.firstIsText ? JSON.stringify(first.text) : first.text}`,
    ];
  }

  private accept(line: LineClass, text: string, n: number): void {
    switch (line.type) {
      case 'record':
        return this.startRecord(line.record, text, n);
      case 'continuation':
        this.tally.continuations++;
        return this.continueWith(line.text);
      case 'repeat':
        this.tally.records++;
        return this.repeat(line.count, line.time);
      case 'framing':
        this.tally.framing++;
        return this.assembler.end();
      case 'not-read':
        this.assembler.end();
        return this.notRead(n, text);
    }
  }

  private startRecord(record: TextRecord, text: string, n: number): void {
    this.assembler.end();
    const timeMs = this.timeOf(record.time);
    if (timeMs === null) {
      this.impossible++;
      this.classifier.broken();
      return this.notRead(n, text);
    }
    this.tally.records++;
    this.tally.formats[record.format] = (this.tally.formats[record.format] ?? 0) + 1;
    this.assembler.start(timeMs, record.process, record.pid, record.message);
  }

  private continueWith(text: string): void {
    if (!this.assembler.awaitingSender) return this.assembler.continueWith(text);
    // A row whose sender was wrapped onto the next line by hand: `  apsd: message`.
    const { process, message } = splitProcess(text.trim());
    this.assembler.setSender(process, message);
  }

  private repeat(count: number, time: RecordTime | null): void {
    this.assembler.repeat(count, time && this.timeOf(time));
  }

  private otherRecord(): void {
    this.assembler.forget();
    this.tally.records++;
    this.classifier.otherRecord();
  }

  private broken(reason: 'oversize' | 'binary', n: number): void {
    this.assembler.forget();
    this.classifier.broken();
    this[reason]++;
    this.notRead(
      n,
      reason === 'binary' ? '(binary data)' : `(longer than ${INPUT_LIMITS.lineBytes / 1024} KiB)`,
      true,
    );
  }

  private notRead(n: number, text: string, broken = false): void {
    this.tally.notRead++;
    if (this.tally.firstNotRead) return;
    this.tally.firstNotRead = { line: n, text: snippet(text) };
    this.firstIsText = !broken;
  }

  private timeOf(time: RecordTime): number | null {
    switch (time.kind) {
      case 'exact':
        if (!time.zoned) this.notes.zoneless = true;
        return time.ms;
      case 'no-year': {
        const ms = this.dater.date(time);
        if (ms !== null) this.notes.yearInferred = true;
        return ms;
      }
      case 'no-date':
        this.notes.dateInferred = true;
        return dateTimeOfDay(time.msOfDay, time.offsetMinutes, this.options.referenceMs);
    }
  }

  private release(): void {
    const batch = this.assembler.take();
    if (!batch.length) return;
    this.events += batch.length;
    this.options.onEvents(batch);
  }
}
