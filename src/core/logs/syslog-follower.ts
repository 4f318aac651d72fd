/**
 * Follows a live plain-text syslog file by polling (fs.watch misses events across rotation):
 * every line once and in order, through rotation (finish the old file, then read the new one
 * from its start), truncation (read again from 0) and a file that is missing for a while.
 */
import { EventEmitter } from 'node:events';
import { readdir, stat, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LogEvent } from '../../shared/snapshot';
import { LineSplitter } from './line-splitter';
import { DEFAULT_LOG_PROCESSES } from './log-common';
import { scanLogFiles } from './log-file-scan';
import type { LogSource, LogSourceEvents, LogSourceStatus } from './log-source';
import { SyslogParser } from './syslog-parse';
import { errorLine } from '../../shared/error-line';
import { countOf } from '../../shared/format';

export interface SyslogFollowerOptions {
  processes?: readonly string[];
  /** Default 1 s. */
  pollIntervalMs?: number;
  /**
   * At start, read the current file from its beginning (dropping events before `sinceMs`) and,
   * with `archives`, the rotated `<name>.N` / `<name>.N.gz` files beside it, oldest first.
   * `false`: only lines written after start.
   */
  backfill?: false | { sinceMs?: number; archives?: boolean };
}

const READ_BYTES = 256 * 1024;

export class SyslogFollower extends EventEmitter<LogSourceEvents> implements LogSource {
  private readonly pollIntervalMs: number;
  private readonly processes: ReadonlySet<string>;
  private readonly sinceIso: string | null;
  private readonly parser: SyslogParser;
  private splitter = new LineSplitter();
  private file: FileHandle | null = null;
  private identity = '';
  private offset = 0;
  private opened = false;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> = Promise.resolve();
  private stopped = false;
  private current: LogSourceStatus;

  constructor(
    readonly path: string,
    private readonly options: SyslogFollowerOptions = {},
  ) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.processes = new Set(options.processes ?? DEFAULT_LOG_PROCESSES);
    const since = options.backfill ? options.backfill.sinceMs : undefined;
    this.sinceIso = since === undefined ? null : new Date(since).toISOString();
    this.parser = new SyslogParser({ processes: this.processes, referenceMs: Date.now });
    this.current = { state: 'starting', from: path, linesRead: 0, detail: null, restarts: 0 };
  }

  get status(): LogSourceStatus {
    return { ...this.current };
  }

  async start(): Promise<void> {
    const backfill = this.options.backfill ?? {};
    if (backfill && backfill.archives !== false) await this.readArchives(backfill.sinceMs);
    await this.poll();
    // The back-fill ends here: its last message is complete, or a one-shot reader would lose it.
    this.flushPending();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    this.flushPending();
    await this.file?.close().catch(() => {});
    this.file = null;
    this.setStatus('stopped', null);
  }

  private flushPending(): void {
    this.parser.flush();
    this.emitEvents(this.parser.take());
  }

  /** One poll now, after any poll in progress; the timer calls this too. */
  poll(): Promise<void> {
    this.polling = this.polling.then(() => (this.stopped ? undefined : this.pollOnce()));
    return this.polling;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.poll().then(() => this.schedule()),
      this.pollIntervalMs,
    );
  }

  private async pollOnce(): Promise<void> {
    let gotData = false;
    try {
      if (!this.file && !(await this.openCurrent())) return;
      const size = (await this.file!.stat()).size;
      if (size < this.offset) {
        this.finishLine();
        this.offset = 0;
        this.emit(
          'warning',
          `${this.path}: the file was truncated; reading it again from the start`,
        );
      }
      gotData = await this.readToEnd();
      const now = await stat(this.path).catch(() => null);
      if (now && `${now.dev}:${now.ino}` !== this.identity) {
        // Rotated: what was written to the old file before the switch comes first.
        gotData = (await this.readToEnd()) || gotData;
        this.finishLine();
        await this.file!.close().catch(() => {});
        this.file = null;
        if (await this.openCurrent()) gotData = (await this.readToEnd()) || gotData;
      }
      if (this.current.state !== 'running') this.setStatus('running', null);
    } catch (error) {
      this.setStatus('failed', `${this.path}: ${errorLine(error)}`);
    }
    // A quiet poll means the last message has no continuation lines still to come.
    if (!gotData) this.parser.flush();
    this.emitEvents(this.parser.take());
  }

  private async openCurrent(): Promise<boolean> {
    try {
      const file = await open(this.path, 'r');
      const info = await file.stat();
      this.file = file;
      this.identity = `${info.dev}:${info.ino}`;
      // Only the file present at start may be skipped to its end; any later file is new.
      this.offset = !this.opened && this.options.backfill === false ? info.size : 0;
      this.opened = true;
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : errorLine(error);
      this.setStatus(
        'unavailable',
        `${this.path}: ${why}; checking again every ${this.pollIntervalMs / 1000} s`,
      );
      return false;
    }
  }

  /** Reads from the offset to the current end; true when anything was read. */
  private async readToEnd(): Promise<boolean> {
    const buffer = Buffer.alloc(READ_BYTES);
    let any = false;
    for (;;) {
      const { bytesRead } = await this.file!.read(buffer, 0, READ_BYTES, this.offset);
      if (bytesRead === 0) return any;
      any = true;
      this.offset += bytesRead;
      const oversize = this.splitter.oversize;
      this.acceptLines(this.splitter.push(buffer.subarray(0, bytesRead)));
      if (this.splitter.oversize > oversize)
        this.emit(
          'warning',
          `${this.path}: ${countOf(this.splitter.oversize - oversize, 'line')} longer than 64 KiB skipped`,
        );
    }
  }

  /** The file ended without a newline after its last line: that line is complete now. */
  private finishLine(): void {
    const line = this.splitter.flush();
    if (line !== null) this.acceptLines([line]);
  }

  private acceptLines(lines: string[]): void {
    if (!lines.length) return;
    this.current.linesRead += lines.length;
    this.emit('lines', lines);
    for (const line of lines) this.parser.feed(line);
    this.emitEvents(this.parser.take());
  }

  private emitEvents(events: LogEvent[]): void {
    const since = this.sinceIso;
    const kept = since === null ? events : events.filter((e) => e.time >= since);
    if (kept.length) this.emit('events', kept);
  }

  private async readArchives(sinceMs: number | undefined): Promise<void> {
    const name = basename(this.path);
    const dir = dirname(this.path);
    const entries = await readdir(dir).catch(() => [] as string[]);
    const archives = entries
      .map((entry) => ({ entry, n: rotationNumber(name, entry) }))
      .filter((a): a is { entry: string; n: number } => a.n !== null)
      .sort((a, b) => b.n - a.n)
      .map((a) => join(dir, a.entry));
    if (!archives.length) return;
    const result = await scanLogFiles(archives, {
      processes: [...this.processes],
      ...(sinceMs === undefined ? {} : { sinceMs }),
    });
    this.current.linesRead += result.linesRead;
    for (const warning of result.warnings) this.emit('warning', warning);
    if (result.events.length) this.emit('events', result.events);
  }

  private setStatus(state: LogSourceStatus['state'], detail: string | null): void {
    if (this.current.state === state && this.current.detail === detail) return;
    this.current = { ...this.current, state, detail };
    this.emit('status', this.status);
  }
}

/** `system.log.3.gz` -> 3 for `system.log`; null for anything else. */
export function rotationNumber(name: string, entry: string): number | null {
  if (!entry.startsWith(`${name}.`)) return null;
  const m = /^(\d+)(?:\.gz)?$/.exec(entry.slice(name.length + 1));
  return m ? Number(m[1]) : null;
}
