/**
 * The history's file format: JSON with one short array per point and per marker, about half the
 * size of objects, and checked field by field on load so a damaged file is caught, not half-used.
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

const fileSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  /** [t, finWait1, established, total, sendQueueBytes] */
  points: z.array(z.tuple([time, amount, amount, amount, amount])).max(100_000),
  /** [t, kind, count] */
  markers: z.array(z.tuple([time, markerKind, amount])).max(100_000),
});

export interface HistoryData {
  points: HistoryPoint[];
  markers: HistoryMarker[];
}

export function encodeHistory(data: HistoryData): string {
  const file: z.infer<typeof fileSchema> = {
    format: FORMAT,
    version: 1,
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
