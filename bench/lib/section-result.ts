/**
 * What one benchmark section hands back: its measured sides, which of them are peers (every side
 * gets a ratio against each peer), and its targets, met or missed with the reason. The report
 * renders these; nothing here asserts, because targets are findings, not tests.
 */
import { ratio, summarize, type Summary } from './stats';

interface MetricSpec {
  key: string;
  /** As shown in the table, with its unit: "CPU ms", "wall ms", "rows/s". */
  label: string;
  /** Decimal places in the table. */
  digits: number;
}

interface SideResult {
  label: string;
  /** Peers get a ratio column; the engine's own rows are the subjects. */
  peer: boolean;
  metrics: Record<string, Summary>;
  /** One line shown under the table, e.g. what the side saw. */
  note?: string;
}

export interface TargetResult {
  target: string;
  measured: string;
  met: boolean;
  /** Why it was missed and what would close it; printed in RESULTS.md only when missed. */
  whyMissed?: string;
}

export interface SectionResult {
  id: string;
  title: string;
  /** The conditions built for this run, one line each. */
  conditions: string[];
  metrics: MetricSpec[];
  sides: SideResult[];
  targets: TargetResult[];
  /** Further findings (breakdowns, checks), one paragraph each. */
  notes: string[];
  /** Anything that makes a number untrustworthy (a side saw the wrong data); shown loudly. */
  problems: string[];
  durationSeconds: number;
}

/** What a section measures; the runner adds its id and title. */
export type SectionBody = Omit<SectionResult, 'id' | 'title'>;

/** Collects raw measurements per side and metric, in the order sides are first seen. */
export class SampleSet {
  private readonly values = new Map<string, Map<string, number[]>>();

  add(side: string, metric: string, value: number): void {
    let metrics = this.values.get(side);
    if (!metrics) this.values.set(side, (metrics = new Map()));
    let list = metrics.get(metric);
    if (!list) metrics.set(metric, (list = []));
    list.push(value);
  }

  has(side: string): boolean {
    return this.values.has(side);
  }

  summary(side: string, metric: string): Summary {
    const list = this.values.get(side)?.get(metric);
    if (!list?.length) throw new Error(`no ${metric} measurements for ${side}`);
    return summarize(list);
  }

  /** Summaries of every metric measured for `side`. */
  summaries(side: string): Record<string, Summary> {
    const out: Record<string, Summary> = {};
    for (const [metric, list] of this.values.get(side) ?? []) out[metric] = summarize(list);
    return out;
  }
}

/** Formats a ratio the way the tables do: `0.23×`. */
export function formatRatio(value: number | null): string {
  if (value === null) return 'n/a';
  return `${value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3)}×`;
}

/** The target `subject <= limit x peer`, on the medians of one metric. */
export function ratioTarget(
  samples: SampleSet,
  metric: string,
  [subject, peer]: [string, string],
  limit: number,
  [target, whyMissed]: [string, string],
): TargetResult {
  const value = ratio(samples.summary(subject, metric), samples.summary(peer, metric));
  return { target, measured: formatRatio(value), met: value !== null && value <= limit, whyMissed };
}
