/**
 * The history's file format: JSON with one short array per point and per marker, about half the
 * size of objects, and checked field by field on load so a damaged file is caught, not half-used.
 * Between compactions, each sample is appended to a journal (`history-<generation>.jsonl`, one
 * array per line, the same arrays); the JSON file names the generation of the journal that
 * follows it, so a journal it already holds is never replayed.
 */
import { z } from 'zod';
import { LOG_KINDS, type HistoryMarker, type HistoryPoint } from '../../shared/snapshot';

export const HISTORY_FILE = 'history.json';
const FORMAT = 'apsd-watch-history';

/**
 * Generous next to the worst case (5,844 points of at most ~60 bytes, 11,520 markers of at most
 * ~45 bytes: under 1 MB); a larger file is not ours and is moved aside unread.
 */
export const MAX_HISTORY_BYTES = 4 * 1024 * 1024;

const amount = z.number().nonnegative();
const time = z.number().int().nonnegative();
const markerKind = z.enum([...LOG_KINDS, 'spike']);

/** [t, finWait1, established, total, sendQueueBytes] */
const pointTuple = z.tuple([time, amount, amount, amount, amount]);
/** [t, kind, count] */
const markerTuple = z.tuple([time, markerKind, amount]);

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  /** The journal that continues this file; absent in files from before the journal (0). */
  generation: z.number().int().nonnegative().optional(),
  points: z.array(pointTuple).max(100_000),
  markers: z.array(markerTuple).max(100_000),
});

export interface HistoryData {
  points: HistoryPoint[];
  markers: HistoryMarker[];
  generation?: number;
}

/** `history-3.jsonl` for generation 3. */
export function journalName(generation: number): string {
  return `history-${generation}.jsonl`;
}

/** The generation of a journal file name, or null for any other name. */
export function journalGeneration(name: string): number | null {
  const match = /^history-(\d+)\.jsonl$/.exec(name);
  return match ? Number(match[1]) : null;
}

export function encodePointLine(p: HistoryPoint): string {
  return `${JSON.stringify([p.t, p.finWait1, p.established, p.total, p.sendQueueBytes])}\n`;
}

export function encodeMarkerLine(m: HistoryMarker): string {
  return `${JSON.stringify([m.t, m.kind, m.count])}\n`;
}

/** One journal line: a point, a marker, or null when it is damaged (never half-used). */
export function decodeJournalLine(
  line: string,
): { point: HistoryPoint } | { marker: HistoryMarker } | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  const point = pointTuple.safeParse(value);
  if (point.success) {
    const [t, finWait1, established, total, sendQueueBytes] = point.data;
    return { point: { t, finWait1, established, total, sendQueueBytes } };
  }
  const marker = markerTuple.safeParse(value);
  if (marker.success) {
    const [t, kind, count] = marker.data;
    return { marker: { t, kind, count } };
  }
  return null;
}

export function encodeHistory(data: HistoryData): string {
  const file: z.infer<typeof fileSchema> = {
    format: FORMAT,
    version: 1,
    generation: data.generation ?? 0,
    points: data.points.map((p) => [p.t, p.finWait1, p.established, p.total, p.sendQueueBytes]),
    markers: data.markers.map((m) => [m.t, m.kind, m.count]),
  };
  return JSON.stringify(file);
}

/** Throws a one-line Error naming the first bad field; the caller quarantines the file. */
export function decodeHistory(value: unknown): HistoryData {
  const result = fileSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new Error(`not an apsd-watch history file${where}: ${issue?.message ?? 'invalid'}`);
  }
  const byTime = <T extends { t: number }>(a: T, b: T) => a.t - b.t;
  return {
    generation: result.data.generation ?? 0,
    points: result.data.points
      .map(([t, finWait1, established, total, sendQueueBytes]) => ({
        t,
        finWait1,
        established,
        total,
        sendQueueBytes,
      }))
      .sort(byTime),
    markers: result.data.markers.map(([t, kind, count]) => ({ t, kind, count })).sort(byTime),
  };
}
