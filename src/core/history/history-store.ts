/**
 * The bounded on-disk history behind the charts: kept across restarts in `history.json`, written
 * atomically at most once per interval and on close, a damaged file kept aside and replaced.
 */
import { join } from 'node:path';
import type { History, HistoryMarker, HistoryPoint, HistoryRange } from '../../shared/snapshot';
import { readJsonOrQuarantine, writeFileAtomic } from '../storage/atomic-file';
import { ensureDataDir } from '../storage/data-dir';
import { compactMarkers, compactPoints, insertSorted, viewRange } from './downsample';
import { HISTORY_FILE, MAX_HISTORY_BYTES, decodeHistory, encodeHistory } from './history-file';
import { errorLine } from '../../shared/error-line';

export interface HistoryStoreOptions {
  /** The clock that ages the data (epoch ms); tests pass their own. */
  now?: () => number;
  /** At most one write per this many ms (default 60 s): a sample every 10 s must not wear the disk. */
  flushIntervalMs?: number;
  /** Problems after open (a failed write), as they happen; open's own are in `warnings`. */
  onWarning?: (message: string) => void;
}

/** Compaction runs at most this often on record; raw points then age into buckets within a minute. */
const COMPACT_EVERY_MS = 60_000;

function checkAmount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`history: ${name} must be a number >= 0, got ${value}`);
}

export class HistoryStore {
  /** One-line problems so far (the file moved aside at open, failed writes); newest last. */
  readonly warnings: string[] = [];
  private points: HistoryPoint[];
  private markers: HistoryMarker[];
  private readonly now: () => number;
  private readonly flushIntervalMs: number;
  private readonly onWarning: ((message: string) => void) | undefined;
  private dirty = false;
  private closed = false;
  private lastCompactAt: number;
  private lastWriteAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly path: string,
    private readonly writable: boolean,
    data: { points: HistoryPoint[]; markers: HistoryMarker[] },
    options: HistoryStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.flushIntervalMs = options.flushIntervalMs ?? 60_000;
    this.onWarning = options.onWarning;
    this.lastCompactAt = this.now();
    this.points = compactPoints(data.points, this.lastCompactAt);
    this.markers = compactMarkers(data.markers, this.lastCompactAt);
  }

  /** Never throws: an unusable directory or file gives an empty history and a warning. */
  static async open(dataDir: string, options: HistoryStoreOptions = {}): Promise<HistoryStore> {
    const path = join(dataDir, HISTORY_FILE);
    const empty = { points: [], markers: [] };
    try {
      await ensureDataDir(dataDir);
    } catch (error) {
      const store = new HistoryStore(path, false, empty, options);
      store.warnings.push(`${errorLine(error)}; history will not be saved`);
      return store;
    }
    const read = await readJsonOrQuarantine(path, {
      parse: decodeHistory,
      maxBytes: MAX_HISTORY_BYTES,
      now: options.now && (() => new Date(options.now!())),
    });
    const store = new HistoryStore(path, read.writable, read.value ?? empty, options);
    if (read.warning) store.warnings.push(read.warning);
    return store;
  }

  record(point: HistoryPoint): void {
    checkAmount('t', point.t);
    checkAmount('finWait1', point.finWait1);
    checkAmount('established', point.established);
    checkAmount('total', point.total);
    checkAmount('sendQueueBytes', point.sendQueueBytes);
    insertSorted(this.points, { ...point });
    this.changed();
  }

  mark(marker: HistoryMarker): void {
    checkAmount('t', marker.t);
    checkAmount('count', marker.count);
    insertSorted(this.markers, { ...marker });
    this.changed();
  }

  query(range: HistoryRange): History {
    this.compact(this.now());
    return { range, ...viewRange(this.points, this.markers, range, this.now()) };
  }

  /** Writes now if anything changed; a failure becomes a warning and is retried on the next flush. */
  flush(): Promise<void> {
    this.clearTimer();
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /** Writes what is pending and stops the timer; the process can then exit. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private changed(): void {
    this.dirty = true;
    const now = this.now();
    if (now - this.lastCompactAt >= COMPACT_EVERY_MS) this.compact(now);
    if (this.closed || this.timer || !this.writable) return;
    const wait = Math.max(0, this.lastWriteAt + this.flushIntervalMs - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
    this.timer.unref();
  }

  private compact(now: number): void {
    this.points = compactPoints(this.points, now);
    this.markers = compactMarkers(this.markers, now);
    this.lastCompactAt = now;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async write(): Promise<void> {
    if (!this.dirty || !this.writable) return;
    this.compact(this.now());
    this.dirty = false;
    this.lastWriteAt = Date.now();
    try {
      await writeFileAtomic(
        this.path,
        encodeHistory({ points: this.points, markers: this.markers }),
      );
    } catch (error) {
      this.dirty = true;
      this.warn(`history not saved: ${errorLine(error)}`);
    }
  }

  /** Repeats of the same failure are not re-announced every minute. */
  private warn(message: string): void {
    if (this.warnings.at(-1) === message) return;
    this.warnings.push(message);
    if (this.warnings.length > 20) this.warnings.shift();
    this.onWarning?.(message);
  }
}
