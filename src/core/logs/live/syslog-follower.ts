/**
 * Follows a live plain-text syslog file by polling (fs.watch misses events across rotation):
 * every line once and in order, through rotation (finish the old file through its open fd, then
 * any rotated siblings written in between, then the new file from its start), truncation (noticed
 * by size and by the file's first bytes, so a regrow past the old offset is caught too; read
 * again from 0) and a file that is missing for a while.
 */
import { EventEmitter } from 'node:events';
import type { Stats } from 'node:fs';
import { readdir, stat, open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LogEvent } from '../../../shared/snapshot';
import { LineSplitter } from '../../input/line-splitter';
import { APSD_RULES } from '../../../shared/settings';
import { scanLogFiles } from '../saved/scan-saved-logs';
import type { LogSource, LogSourceEvents, LogSourceStatus } from './live-log-source';
import { SyslogParser } from '../lines/bsd-syslog';
import { errorLine } from '../../../shared/error-line';
import { countOf } from '../../../shared/format';

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
/** Bytes at the start of a file that identify its content: a truncate-and-regrow changes them. */
const HEAD_BYTES = 1024;
/** Identities of files read to their end, remembered so that a sibling is never read twice. */
const FINISHED_KEPT = 64;

interface Opened {
  file: FileHandle;
  info: Stats;
  identity: string;
}

/** Inode numbers are reused once a file is gone; its birth time tells the new file apart. */
function identityOf(info: Stats): string {
  return `${info.dev}:${info.ino}:${info.birthtimeMs}`;
}

export class SyslogFollower extends EventEmitter<LogSourceEvents> implements LogSource {
  /** Byte offsets and inodes make every line read once: identical lines are real repeats. */
  readonly overlaps = false;
  private readonly pollIntervalMs: number;
  private readonly processes: ReadonlySet<string>;
  private readonly sinceIso: string | null;
  private readonly parser: SyslogParser;
  private splitter = new LineSplitter();
  private file: FileHandle | null = null;
  private identity = '';
  private offset = 0;
  /** The first bytes read from the open file (up to HEAD_BYTES). */
  private head = Buffer.alloc(0);
  /** When the open file came to be: a sibling changed since may hold lines not yet read. */
  private bornMs = 0;
  /** bornMs is the file's own birth time, not a guess: siblings can be ordered by theirs. */
  private bornExact = false;
  private readonly finished: string[] = [];
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
    this.processes = new Set(options.processes ?? APSD_RULES.processes);
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
      await this.noticeTruncation();
      gotData = await this.readToEnd();
      const now = await stat(this.path).catch(() => null);
      // Renamed or deleted with nothing new at the path yet: writers may still hold the old
      // file, so it is followed on. Once another file is there, the old one is finished through
      // its fd first, then whatever was rotated in between, then the new one.
      if (now && identityOf(now) !== this.identity) {
        gotData = (await this.readToEnd()) || gotData;
        const old = { identity: this.identity, bornMs: this.bornMs, bornExact: this.bornExact };
        await this.closeFinished();
        // The new file is opened before the siblings are listed: one rotated away meanwhile is
        // then a sibling, read in turn, never skipped.
        const next = await this.openPath();
        for (const between of await this.rotatedSince(old, next?.identity ?? null))
          gotData = (await this.readWhole(between)) || gotData;
        if (next && (await this.adopt(next))) gotData = (await this.readToEnd()) || gotData;
      }
      if (this.file && this.current.state !== 'running') this.setStatus('running', null);
    } catch (error) {
      this.setStatus('failed', `${this.path}: ${errorLine(error)}`);
    }
    // A quiet poll means the last message has no continuation lines still to come.
    if (!gotData) this.parser.flush();
    this.emitEvents(this.parser.take());
  }

  /** Same inode, new content: shorter than what was read, or other first bytes. */
  private async noticeTruncation(): Promise<void> {
    const size = (await this.file!.stat()).size;
    let truncated = size < this.offset;
    if (!truncated && this.head.length > 0) {
      const now = Buffer.alloc(this.head.length);
      const { bytesRead } = await this.file!.read(now, 0, now.length, 0);
      truncated = bytesRead < now.length || !now.equals(this.head);
    }
    if (!truncated) return;
    this.finishLine();
    this.offset = 0;
    this.head = Buffer.alloc(0);
    this.emit('warning', `${this.path}: the file was truncated; reading it again from the start`);
  }

  private async closeFinished(): Promise<void> {
    this.finishLine();
    await this.file!.close().catch(() => {});
    this.file = null;
    this.remember(this.identity);
  }

  private remember(identity: string): void {
    this.finished.push(identity);
    if (this.finished.length > FINISHED_KEPT) this.finished.shift();
  }

  /**
   * Plain rotated siblings written while an older file was followed, opened, oldest first. Where
   * the file system keeps birth times (APFS, ext4, tmpfs), any `<name>.*` or `<name>-*` born after
   * the old file, in birth order, however the writer names them (newsyslog's `.0` shifting,
   * numbers counting up, dates). Elsewhere `<name>.N` newer than where the old file now sits or,
   * when it is gone, changed since it was opened. Compressed siblings are copies of files read.
   */
  private async rotatedSince(
    old: { identity: string; bornMs: number; bornExact: boolean },
    next: string | null,
  ): Promise<Opened[]> {
    const name = basename(this.path);
    const dir = dirname(this.path);
    const entries = await readdir(dir).catch(() => [] as string[]);
    const siblings: (Opened & { n: number; mtimeMs: number; bornMs: number })[] = [];
    for (const entry of entries) {
      if (COMPRESSED.test(entry)) continue;
      const n = rotationNumber(name, entry) ?? (isRenamedAway(name, entry) ? -1 : null);
      if (n === null) continue;
      const file = await open(join(dir, entry), 'r').catch(() => null);
      const info = await file?.stat().catch(() => null);
      if (file && info?.isFile())
        siblings.push({
          file,
          info,
          identity: identityOf(info),
          n,
          mtimeMs: info.mtimeMs,
          bornMs: info.birthtimeMs,
        });
      else await file?.close().catch(() => {});
    }
    const unread = siblings.filter(
      (s) =>
        s.identity !== next && s.identity !== old.identity && !this.finished.includes(s.identity),
    );
    const oldAt = siblings.find((s) => s.identity === old.identity)?.n;
    // newsyslog's scheme: `.N` shifted up, the newest rotated file at `.0`.
    const shifted = unread
      .filter((s) => s.n >= 0)
      .filter((s) => (oldAt === undefined || oldAt < 0 ? s.mtimeMs >= old.bornMs : s.n < oldAt))
      .sort((a, b) => b.n - a.n);
    // Any other scheme (numbers counting up, dates, `.old`): files born after the old one.
    const others = unread
      .filter((s) => !shifted.includes(s))
      .filter((s) =>
        old.bornExact && s.bornMs > 0 ? s.bornMs > old.bornMs : s.mtimeMs >= old.bornMs,
      )
      .sort((a, b) => a.bornMs - b.bornMs || a.mtimeMs - b.mtimeMs);
    const wanted = [...shifted, ...others];
    for (const sibling of siblings)
      if (!wanted.includes(sibling)) await sibling.file.close().catch(() => {});
    return wanted;
  }

  /** Reads a rotated sibling from its start to its end, then closes it. */
  private async readWhole(sibling: Opened): Promise<boolean> {
    this.file = sibling.file;
    this.identity = sibling.identity;
    this.offset = 0;
    this.head = Buffer.alloc(0);
    try {
      return await this.readToEnd();
    } finally {
      await this.closeFinished();
    }
  }

  private async openCurrent(): Promise<boolean> {
    const next = await this.openPath();
    return next !== null && (await this.adopt(next));
  }

  /** The file now at the path, or null (and the source `unavailable`) when there is none. */
  private async openPath(): Promise<Opened | null> {
    try {
      const file = await open(this.path, 'r');
      const info = await file.stat();
      return { file, info, identity: identityOf(info) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : errorLine(error);
      this.setStatus(
        'unavailable',
        `${this.path}: ${why}; checking again every ${this.pollIntervalMs / 1000} s`,
      );
      return null;
    }
  }

  /** Follows `next` from now on. */
  private async adopt(next: Opened): Promise<boolean> {
    this.file = next.file;
    this.identity = next.identity;
    // The kernel's own (coarse) clock, as sibling mtimes are; without a birth time, a second back.
    this.bornExact = next.info.birthtimeMs > 0;
    this.bornMs = this.bornExact ? next.info.birthtimeMs : Date.now() - 1000;
    // Only the file present at start may be skipped to its end; any later file is new.
    this.offset = !this.opened && this.options.backfill === false ? next.info.size : 0;
    this.head = Buffer.alloc(0);
    if (this.offset > 0) await this.readHead(next.file);
    this.opened = true;
    return true;
  }

  /** Reads from the offset to the current end; true when anything was read. */
  private async readToEnd(): Promise<boolean> {
    const buffer = Buffer.alloc(READ_BYTES);
    let any = false;
    for (;;) {
      const { bytesRead } = await this.file!.read(buffer, 0, READ_BYTES, this.offset);
      if (bytesRead === 0) return any;
      any = true;
      if (this.head.length < HEAD_BYTES && this.offset === this.head.length)
        this.head = Buffer.concat([
          this.head,
          buffer.subarray(0, Math.min(bytesRead, HEAD_BYTES - this.head.length)),
        ]);
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

  /** The first bytes of a file whose earlier content is skipped (no back-fill). */
  private async readHead(file: FileHandle): Promise<void> {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, this.offset));
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    this.head = head.subarray(0, bytesRead);
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

/** Compressed copies: what they hold was read from the plain file before. */
const COMPRESSED = /\.(gz|bz2|xz|zst|lz4|Z)$/;

/** `system.log.old`, `system.log-20261204`: the followed file under another rotation scheme. */
function isRenamedAway(name: string, entry: string): boolean {
  return (
    (entry.startsWith(`${name}.`) || entry.startsWith(`${name}-`)) &&
    entry.length > name.length + 1 &&
    !COMPRESSED.test(entry)
  );
}

/** `system.log.3.gz` -> 3 for `system.log`; null for anything else. */
export function rotationNumber(name: string, entry: string): number | null {
  if (!entry.startsWith(`${name}.`)) return null;
  const m = /^(\d+)(?:\.gz)?$/.exec(entry.slice(name.length + 1));
  return m ? Number(m[1]) : null;
}
