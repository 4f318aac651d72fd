/**
 * The bounded on-disk history behind the charts, kept across restarts. Each sample is appended to
 * a journal at once (one short line, no rewrite), so a kill -9 or a short `status`/`watch` run
 * loses at most the sample being written; the journal is compacted into `history.json`
 * atomically, rarely (every COMPACT_AFTER_ENTRIES lines, and on close). A damaged file is kept
 * aside; an unwritable directory is said once, at open or at the first failed write.
 */
import {
  closeSync,
  fstatSync,
  ftruncateSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import type { History, HistoryMarker, HistoryPoint, HistoryRange } from '../../shared/snapshot';
import {
  quarantineName,
  readJsonOrQuarantine,
  removeStaleTemps,
  writeFileAtomicSync,
  writeWholeSync,
} from '../storage/atomic-file';
import { ensureDataDir } from '../storage/data-dir';
import { compactMarkers, compactPoints, insertSorted, viewRange } from './downsample';
import {
  HISTORY_FILE,
  MAX_HISTORY_BYTES,
  decodeHistory,
  decodeJournalLine,
  encodeHistory,
  encodeMarkerLine,
  encodePointLine,
  journalGeneration,
  journalName,
} from './history-file';
import { errorLine } from '../../shared/error-line';
import { countOf } from '../../shared/format';

export interface HistoryStoreOptions {
  /** The clock that ages the data (epoch ms); tests pass their own. */
  now?: () => number;
  /** Journal lines after which the next record compacts them into history.json (default 2,000). */
  compactAfterEntries?: number;
  /**
   * Problems after open, as they happen: the first failed save of a spell, and at close the
   * samples that could never be saved. Open's own are in `warnings`; the live state in saveProblem.
   */
  onWarning?: (message: string) => void;
}

/** About 5.5 hours of 10-second samples: compaction (a full rewrite) stays rare. */
const COMPACT_AFTER_ENTRIES = 2000;
/** In-memory compaction runs at most this often on record; raw points then age into buckets. */
const COMPACT_EVERY_MS = 60_000;
const MINUTE = 60_000;
/** While something is only in memory (a full disk), a full write is retried at most this often. */
const RETRY_EVERY_MS = 60_000;

function checkAmount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`history: ${name} must be a number >= 0, got ${value}`);
}

/** "EACCES: permission denied", without the path (the message must repeat identically). */
function reasonOf(error: unknown): string {
  return errorLine(error).replace(/, \w+ '[^']*'$/, '');
}

export class HistoryStore {
  /** One-line problems so far (the file moved aside at open, failed writes); newest last. */
  readonly warnings: string[] = [];
  private points: HistoryPoint[];
  private markers: HistoryMarker[];
  private readonly now: () => number;
  private readonly compactAfter: number;
  private readonly onWarning: ((message: string) => void) | undefined;
  private closed = false;
  private lastCompactAt: number;
  /** The journal's descriptor; null when nothing can be written (the warning says why). */
  private journal: number | null = null;
  private journalEntries = 0;
  /** Bytes of whole lines in the journal: a failed append is cut back to this. */
  private journalBytes = 0;
  /** A failed append left a partial line that could not be cut: the next one starts on a new line. */
  private tornTail = false;
  /** Marker counts not yet journaled, per minute and kind: a log flood is one line per minute. */
  private pendingMarkers = new Map<string, HistoryMarker>();
  /** Something is only in memory (a failed append): the next compaction must run. */
  private unsaved = false;
  private lastAttemptAt = 0;
  /** A save failure was announced and nothing has been saved since. */
  private saveWarned = false;
  /** Why the last save failed, while something is only in memory; null once all is saved. */
  private failedBecause: string | null = null;
  /** Samples recorded since then that are only in memory (their append failed, or no journal). */
  private unsavedSamples = 0;

  private constructor(
    private readonly dir: string,
    private generation: number,
    data: { points: HistoryPoint[]; markers: HistoryMarker[] },
    options: HistoryStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.compactAfter = options.compactAfterEntries ?? COMPACT_AFTER_ENTRIES;
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
      const store = new HistoryStore(dataDir, 0, empty, options);
      store.warnings.push(`${errorLine(error)}; history will not be saved`);
      store.saveWarned = true;
      store.failedBecause = 'no data directory';
      return store;
    }
    removeStaleTemps(path);
    const read = await readJsonOrQuarantine(path, {
      parse: decodeHistory,
      maxBytes: MAX_HISTORY_BYTES,
      now: options.now && (() => new Date(options.now!())),
    });
    const generation = read.value?.generation ?? 0;
    const data = read.value ?? empty;
    const replayed = replayJournal(dataDir, generation, options.now?.() ?? Date.now());
    const store = new HistoryStore(
      dataDir,
      generation,
      {
        points: [...data.points, ...replayed.points],
        markers: [...data.markers, ...replayed.markers],
      },
      options,
    );
    for (const warning of [read.warning, replayed.warning])
      if (warning) store.warnings.push(warning);
    // Unwritable (read-only, a bad file that could not be moved aside): said now, not later.
    if (read.writable && replayed.writable)
      store.openJournal(replayed.torn ? replayed.wholeBytes : null);
    else if (read.writable)
      store.warnings.push('history will not be saved: its journal is in the way');
    store.journalEntries = replayed.entries;
    return store;
  }

  record(point: HistoryPoint): void {
    checkAmount('t', point.t);
    checkAmount('finWait1', point.finWait1);
    checkAmount('established', point.established);
    checkAmount('total', point.total);
    checkAmount('sendQueueBytes', point.sendQueueBytes);
    insertSorted(this.points, { ...point });
    this.compactInMemory();
    if (!this.append(this.takePendingMarkers() + encodePointLine(point))) this.unsavedSamples += 1;
    if (this.journalEntries >= this.compactAfter) this.compactToDisk();
    else if (this.unsaved && this.now() - this.lastAttemptAt >= RETRY_EVERY_MS)
      this.compactToDisk();
  }

  /** In memory at once; on disk with the next sample (or flush), one line per minute and kind. */
  mark(marker: HistoryMarker): void {
    checkAmount('t', marker.t);
    checkAmount('count', marker.count);
    const t = Math.floor(marker.t / MINUTE) * MINUTE;
    mergeMarker(this.markers, { ...marker, t });
    const key = `${t}:${marker.kind}`;
    const pending = this.pendingMarkers.get(key);
    if (!pending) this.pendingMarkers.set(key, { ...marker, t });
    else if (marker.kind === 'spike') pending.count = Math.max(pending.count, marker.count);
    else pending.count += marker.count;
  }

  /**
   * While samples are only in memory because the disk refused them: one line saying why and how
   * many, for the snapshot's warnings (its count grows; onWarning said it once). Null otherwise.
   */
  saveProblem(): string | null {
    if (this.failedBecause === null || this.unsavedSamples === 0) return null;
    return `history not saved: ${this.failedBecause}; ${countOf(this.unsavedSamples, 'sample')} only in memory, retried every minute`;
  }

  query(range: HistoryRange): History {
    this.compact(this.now());
    return { range, ...viewRange(this.points, this.markers, range, this.now()) };
  }

  /** Journals pending markers and compacts everything into history.json now. */
  flush(): Promise<void> {
    this.append(this.takePendingMarkers());
    this.compactToDisk();
    return Promise.resolve();
  }

  /** Saves what is pending (one compaction) and closes the journal; the process can then exit. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    if (this.journal !== null) closeSync(this.journal);
    this.journal = null;
    if (this.unsavedSamples > 0)
      this.warn(
        `history: lost ${countOf(this.unsavedSamples, 'sample')} that could not be saved (${this.failedBecause ?? 'nowhere to write'})`,
      );
  }

  /** `wholeBytes`: cut the journal back to its last whole line (the rest is a killed append). */
  private openJournal(wholeBytes: number | null = null): void {
    const path = join(this.dir, journalName(this.generation));
    try {
      if (wholeBytes !== null) truncateSync(path, wholeBytes);
      this.journal = openSync(path, 'a', 0o600);
      this.journalBytes = fstatSync(this.journal).size;
    } catch (error) {
      this.journal = null;
      const reason = reasonOf(error);
      this.warnSave(reason, `history will not be saved: ${reason}`);
    }
  }

  /**
   * Appends whole lines, every short write checked; a failure is cut back off the journal (it
   * stays whole lines), said once, and memory keeps the data. False when the lines were not saved.
   */
  private append(lines: string): boolean {
    if (!lines) return true;
    if (this.journal === null) {
      this.unsaved = true;
      return false;
    }
    const text = Buffer.from(this.tornTail ? `\n${lines}` : lines, 'utf8');
    try {
      writeWholeSync(this.journal, text);
      this.journalBytes += text.length;
      this.tornTail = false;
      this.journalEntries += countLines(lines);
      if (!this.unsaved) this.saveWarned = false;
      return true;
    } catch (error) {
      this.cutJournalBack();
      this.unsaved = true;
      this.warnSave(reasonOf(error));
      return false;
    }
  }

  /** Drops the part of a failed append that reached the disk, so no half line is ever kept. */
  private cutJournalBack(): void {
    try {
      ftruncateSync(this.journal!, this.journalBytes);
    } catch {
      this.tornTail = true;
    }
  }

  private takePendingMarkers(): string {
    if (this.pendingMarkers.size === 0) return '';
    let lines = '';
    for (const marker of this.pendingMarkers.values()) lines += encodeMarkerLine(marker);
    this.pendingMarkers.clear();
    return lines;
  }

  /**
   * Writes everything to history.json under the next generation, then starts that generation's
   * journal and removes the old one. Synchronous, so no sample lands between the two. A failure
   * leaves the old file and journal as they were.
   */
  private compactToDisk(): void {
    this.lastAttemptAt = this.now();
    if (this.journal === null && !this.unsaved) return;
    if (this.journalEntries === 0 && !this.unsaved) return;
    if (this.journal === null) {
      this.openJournal(); // the directory may be writable again
      if (this.journal === null) return;
    }
    this.compact(this.now());
    const next = this.generation + 1;
    try {
      writeFileAtomicSync(
        join(this.dir, HISTORY_FILE),
        encodeHistory({ points: this.points, markers: this.markers, generation: next }),
      );
    } catch (error) {
      const reason = errorLine(error);
      // With every sample in the journal nothing is lost: it stays, and is compacted later.
      if (this.unsaved) this.warnSave(reason);
      else
        this.warnSave(
          reason,
          `history not compacted: ${reason}; every sample is kept in its journal`,
        );
      return;
    }
    closeSync(this.journal);
    this.journal = null;
    rmSync(join(this.dir, journalName(this.generation)), { force: true });
    this.generation = next;
    this.journalEntries = 0;
    this.tornTail = false;
    this.unsaved = false;
    this.saveWarned = false;
    this.failedBecause = null;
    this.unsavedSamples = 0;
    if (!this.closed) this.openJournal();
  }

  private compactInMemory(): void {
    const now = this.now();
    if (now - this.lastCompactAt >= COMPACT_EVERY_MS) this.compact(now);
  }

  private compact(now: number): void {
    this.points = compactPoints(this.points, now);
    this.markers = compactMarkers(this.markers, now);
    this.lastCompactAt = now;
  }

  /** One warning per spell of failed saves (a full disk fails appends and compactions alike). */
  private warnSave(
    reason: string,
    message = `history not saved: ${reason}; samples are kept in memory and saved when the disk takes them`,
  ): void {
    this.failedBecause = reason;
    if (this.saveWarned) return;
    this.saveWarned = true;
    this.warn(message);
  }

  /** Repeats of the same failure are not re-announced. */
  private warn(message: string): void {
    if (this.warnings.includes(message)) return;
    this.warnings.push(message);
    if (this.warnings.length > 20) this.warnings.shift();
    this.onWarning?.(message);
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n += 1;
  return n;
}

/** Adds a marker to its minute's marker of the same kind, or inserts it. */
function mergeMarker(markers: HistoryMarker[], marker: HistoryMarker): void {
  for (let i = markers.length - 1; i >= 0 && markers[i]!.t >= marker.t; i -= 1) {
    const same = markers[i]!;
    if (same.t !== marker.t || same.kind !== marker.kind) continue;
    if (marker.kind === 'spike') same.count = Math.max(same.count, marker.count);
    else same.count += marker.count;
    return;
  }
  insertSorted(markers, marker);
}

interface Replayed {
  points: HistoryPoint[];
  markers: HistoryMarker[];
  entries: number;
  /** Bytes up to the end of the last whole line; less than the file when a kill cut one short. */
  wholeBytes: number;
  torn: boolean;
  warning: string | null;
  /** False when a damaged journal could not be moved aside. */
  writable: boolean;
}

/**
 * The journal that continues history.json: every whole line, in order. A last line cut short (a
 * kill mid-append) is expected and dropped silently; damaged lines elsewhere are counted in a
 * warning. Journals of older generations are already in history.json and are removed.
 */
function replayJournal(dir: string, generation: number, now: number): Replayed {
  const result: Replayed = {
    points: [],
    markers: [],
    entries: 0,
    wholeBytes: 0,
    torn: false,
    warning: null,
    writable: true,
  };
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return result;
  }
  for (const entry of entries) {
    const older = journalGeneration(entry);
    if (older !== null && older < generation) rmSync(join(dir, entry), { force: true });
  }
  const path = join(dir, journalName(generation));
  let text: string;
  try {
    if (statSync(path).size > MAX_HISTORY_BYTES) throw new Error('larger than a journal can be');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    return { ...result, ...journalAside(path, errorLine(error), now) };
  }
  const lines = text.split('\n');
  // A last line without its newline was being written when the process died: dropped.
  const cut = lines.pop() ?? '';
  result.torn = cut !== '';
  result.wholeBytes = Buffer.byteLength(text) - Buffer.byteLength(cut);
  let damaged = 0;
  for (const line of lines) {
    const entry = line ? decodeJournalLine(line) : null;
    if (!entry) {
      if (line) damaged += 1;
      continue;
    }
    result.entries += 1;
    if ('point' in entry) result.points.push(entry.point);
    else result.markers.push(entry.marker);
  }
  if (damaged > 0)
    result.warning = `${journalName(generation)}: ${countOf(damaged, 'damaged entry', 'damaged entries')} skipped; the rest of the history was kept`;
  return result;
}

/** A journal that cannot be read at all is kept aside like a damaged history.json. */
function journalAside(path: string, problem: string, now: number): Partial<Replayed> {
  const target = quarantineName(path, new Date(now));
  try {
    renameSync(path, target);
    return {
      warning: `${basename(path)} was unreadable (${problem}); kept it as ${basename(target)}`,
    };
  } catch (error) {
    return {
      warning: `${basename(path)} is unreadable (${problem}) and could not be moved aside (${errorLine(error)}): changes will not be saved`,
      writable: false,
    };
  }
}
