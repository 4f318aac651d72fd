/**
 * Retention and downsampling for the history, as pure functions over time-sorted arrays:
 * raw points for the last hour, 1-minute buckets to 24 h, 10-minute buckets to 7 days.
 */
import type { HistoryMarker, HistoryPoint, HistoryRange } from '../../shared/snapshot';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const RETENTION_MS = 7 * DAY;

/**
 * Bucket width by age. "Raw" points still share a bucket within one second, which bounds the
 * last hour at 3,600 points however often the engine samples.
 */
const POINT_TIERS = [
  { maxAgeMs: HOUR, bucketMs: SECOND },
  { maxAgeMs: DAY, bucketMs: MINUTE },
  { maxAgeMs: RETENTION_MS, bucketMs: 10 * MINUTE },
] as const;

/** Markers are ticks on a chart: a minute is fine enough from the start, and bounds them too. */
const MARKER_TIERS = [
  { maxAgeMs: DAY, bucketMs: MINUTE },
  { maxAgeMs: RETENTION_MS, bucketMs: 10 * MINUTE },
] as const;

/**
 * Worst case kept, from the tiers above: points 3,600 + 1,380 + 864 = 5,844; markers, for 5 kinds,
 * 5 x (1,440 + 864) = 11,520. On disk (history-file.ts) that is under 300 KB + 500 KB.
 */
export const MAX_POINTS = 3600 + 23 * 60 + 6 * 144;
export const MAX_MARKERS = 5 * (24 * 60 + 6 * 144);

/** What each range returns: one resolution per chart, so density never jumps mid-chart. */
const RANGE_VIEW: Record<HistoryRange, { spanMs: number; bucketMs: number }> = {
  '1h': { spanMs: HOUR, bucketMs: SECOND },
  '24h': { spanMs: DAY, bucketMs: MINUTE },
  '7d': { spanMs: RETENTION_MS, bucketMs: 10 * MINUTE },
};

function bucketWidth(
  tiers: readonly { maxAgeMs: number; bucketMs: number }[],
  ageMs: number,
): number | null {
  for (const tier of tiers) if (ageMs <= tier.maxAgeMs) return tier.bucketMs;
  return null;
}

/**
 * A bucket keeps the maximum of finWait1, total and sendQueueBytes, so a spike survives any
 * downsampling, and the last established count, the link's state at the bucket's end.
 */
function mergeInto(bucket: HistoryPoint, later: HistoryPoint): void {
  bucket.finWait1 = Math.max(bucket.finWait1, later.finWait1);
  bucket.total = Math.max(bucket.total, later.total);
  bucket.sendQueueBytes = Math.max(bucket.sendQueueBytes, later.sendQueueBytes);
  bucket.established = later.established;
}

/** Merges time-sorted points into buckets (t = bucket start), each at the width `widthOf` gives. */
function bucketPoints(
  points: readonly HistoryPoint[],
  widthOf: (point: HistoryPoint) => number | null,
): HistoryPoint[] {
  const out: HistoryPoint[] = [];
  for (const point of points) {
    const width = widthOf(point);
    if (width === null) continue;
    const start = Math.floor(point.t / width) * width;
    const last = out.at(-1);
    // Widths only shrink towards newer points, so a start can equal, never precede, the last one.
    if (last && start <= last.t) mergeInto(last, point);
    else out.push({ ...point, t: start });
  }
  return out;
}

/** Marker counts add up (lines logged), except a spike marker's, which is a size: keep the largest. */
function bucketMarkers(
  markers: readonly HistoryMarker[],
  widthOf: (marker: HistoryMarker) => number | null,
): HistoryMarker[] {
  const byBucket = new Map<string, HistoryMarker>();
  for (const marker of markers) {
    const width = widthOf(marker);
    if (width === null) continue;
    const start = Math.floor(marker.t / width) * width;
    const key = `${width}:${start}:${marker.kind}`;
    const bucket = byBucket.get(key);
    if (!bucket) byBucket.set(key, { ...marker, t: start });
    else if (marker.kind === 'spike') bucket.count = Math.max(bucket.count, marker.count);
    else bucket.count += marker.count;
  }
  return [...byBucket.values()].sort((a, b) => a.t - b.t);
}

/** Applies retention and the tiers as of `now`; idempotent, so it can run at any time. */
export function compactPoints(points: readonly HistoryPoint[], now: number): HistoryPoint[] {
  return bucketPoints(points, (p) => bucketWidth(POINT_TIERS, Math.max(0, now - p.t)));
}

export function compactMarkers(markers: readonly HistoryMarker[], now: number): HistoryMarker[] {
  return bucketMarkers(markers, (m) => bucketWidth(MARKER_TIERS, Math.max(0, now - m.t)));
}

/** The points and markers of one range at that range's single resolution. */
export function viewRange(
  points: readonly HistoryPoint[],
  markers: readonly HistoryMarker[],
  range: HistoryRange,
  now: number,
): { points: HistoryPoint[]; markers: HistoryMarker[] } {
  const { spanMs, bucketMs } = RANGE_VIEW[range];
  const from = now - spanMs;
  const markerWidth = Math.max(bucketMs, MINUTE);
  return {
    points: bucketPoints(points, (p) => (p.t >= from ? bucketMs : null)),
    markers: bucketMarkers(markers, (m) => (m.t >= from ? markerWidth : null)),
  };
}

/** Inserts into a time-sorted array; samples arrive in order, so this is almost always a push. */
export function insertSorted<T extends { t: number }>(items: T[], item: T): void {
  let index = items.length;
  while (index > 0 && items[index - 1]!.t > item.t) index -= 1;
  items.splice(index, 0, item);
}
