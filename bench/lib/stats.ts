/** Median, min and max of repeated measurements: what every benchmark table shows. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many measurements the summary is made of. */
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) throw new Error('summarize: no finite measurements');
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, n: sorted.length };
}

/** `subject / peer` of the medians; null when the peer's median is zero (no ratio exists). */
export function ratio(subject: Summary, peer: Summary): number | null {
  return peer.median === 0 ? null : subject.median / peer.median;
}
