/**
 * Turns records, continuation lines and syslog repeats into events: the one place a multi-line
 * message is joined, a `--- last message repeated N times ---` expanded, and another process's
 * text dropped. Both the scanner's text reader and the live syslog parser feed it.
 */
import type { LogEvent } from '../../../shared/snapshot';
import { classifyMessage } from '../kinds/message-kinds';
import { INPUT_LIMITS } from '../../input/input-limits';
import { isoTime } from './iso-time';

interface Message {
  timeMs: number;
  process: string;
  pid: number | null;
  message: string;
  wanted: boolean;
}

export class RecordAssembler {
  private pending: Message | null = null;
  private last: Message | null = null;
  private out: LogEvent[] = [];

  constructor(
    private readonly processes: ReadonlySet<string>,
    /** Events before this ISO time are dropped. */
    private readonly sinceIso: string | null = null,
  ) {}

  /** True while the message in progress is a watched one: its next line must be read. */
  get wantsFollowUp(): boolean {
    return this.pending?.wanted === true;
  }

  /** True when the record in progress has no sender yet (a row wrapped by hand). */
  get awaitingSender(): boolean {
    return this.pending !== null && this.pending.process === '' && this.pending.message === '';
  }

  start(timeMs: number, process: string, pid: number | null, message: string): void {
    this.end();
    this.pending = { timeMs, process, pid, message, wanted: this.processes.has(process) };
  }

  /** The sender of a row whose `process: message` was wrapped onto the next line. */
  setSender(process: string, message: string): void {
    if (!this.pending) return;
    this.pending.process = process;
    this.pending.message = message;
    this.pending.wanted = this.processes.has(process);
  }

  /** A continuation line; with no message before it, or another process's, it is dropped. */
  continueWith(text: string): void {
    const pending = this.pending;
    // One message never grows past one record's limit.
    if (pending?.wanted && pending.message.length + text.length < INPUT_LIMITS.lineBytes)
      pending.message += `\n${text}`;
  }

  /** Copies of the last message; they take the repeat line's time, when it has one. */
  repeat(count: number, timeMs: number | null): void {
    this.end();
    const previous = this.last;
    if (!previous?.wanted) return;
    const copy = { ...previous, timeMs: timeMs ?? previous.timeMs };
    for (let n = count; n > 0; n--) this.emit(copy);
  }

  /** Lines were left out, or another process's line went by: nothing known continues. */
  forget(): void {
    this.end();
    this.last = null;
  }

  /** Ends the message in progress. */
  end(): void {
    if (!this.pending) return;
    if (this.pending.wanted) this.emit(this.pending);
    this.last = this.pending;
    this.pending = null;
  }

  /** Completed events since the last call. */
  take(): LogEvent[] {
    const events = this.out;
    this.out = [];
    return events;
  }

  private emit(message: Message): void {
    const time = isoTime(message.timeMs);
    if (this.sinceIso !== null && time < this.sinceIso) return;
    this.out.push({
      time,
      kind: classifyMessage(message.message),
      process: message.process,
      pid: message.pid,
      message: message.message,
    });
  }
}
