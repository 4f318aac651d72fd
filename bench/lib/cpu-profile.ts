/**
 * Reads a `node --cpu-prof` profile into a few lines a lead can act on: the functions with the
 * most self time on the main thread, mapped back through bundle source maps to src/ files and
 * lines, and how long the main thread sat idle.
 */
import { readFile, readdir } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './paths';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time, ms. */
  totalMs: number;
  idleMs: number;
  /** Heaviest first: `name (src/file.ts:line)` and self ms. */
  top: { place: string; ms: number }[];
  /**
   * Heaviest first: the nearest function of ours (src/) on the stack of each busy sample, so
   * time in Node's own code (a readlink, a spawn) is charged to the src/ code that asked for it.
   */
  bySource: { place: string; ms: number }[];
}

async function loadSourceMap(
  url: string,
  cache: Map<string, SourceMap | null>,
): Promise<SourceMap | null> {
  if (cache.has(url)) return cache.get(url)!;
  let map: SourceMap | null = null;
  try {
    map = new SourceMap(JSON.parse(await readFile(`${fileURLToPath(url)}.map`, 'utf8')));
  } catch {
    map = null; // not a bundle with a map (node internals, dependencies)
  }
  cache.set(url, map);
  return map;
}

/** `push (src/core/logs/saved/candidate-lines.ts:57)` for a bundled frame; others by file name. */
async function place(
  frame: ProfileNode['callFrame'],
  maps: Map<string, SourceMap | null>,
): Promise<string> {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const map = frame.url.startsWith('file:') ? await loadSourceMap(frame.url, maps) : null;
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber) as
    { originalSource?: string; originalLine?: number } | undefined;
  if (entry?.originalSource) {
    const source = entry.originalSource.startsWith('file:')
      ? fileURLToPath(entry.originalSource)
      : entry.originalSource;
    const shown = source.includes('/src/')
      ? source.slice(source.indexOf('/src/') + 1)
      : relative(REPO_ROOT, source);
    return `${name} (${shown}:${(entry.originalLine ?? 0) + 1})`;
  }
  return `${name} (${basename(frame.url)}:${frame.lineNumber + 1})`;
}

const heaviest = (totals: Map<string, number>, count: number) =>
  [...totals]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ place: name, ms }));

/**
 * Summarises the one profile `node --cpu-prof --cpu-prof-dir=<dir>` wrote, leaving out the first
 * `skipMs` (start-up) of it.
 */
export async function summarizeProfileDir(
  dir: string,
  options: { top?: number; skipMs?: number } = {},
): Promise<ProfileSummary | null> {
  const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return null;
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const maps = new Map<string, SourceMap | null>();
  const places = new Map<number, string>();
  const placeOf = async (id: number) => {
    let known = places.get(id);
    if (known === undefined) places.set(id, (known = await place(byNode.get(id)!.callFrame, maps)));
    return known;
  };
  /** The nearest frame of ours at or above `id`, or the sampled frame when there is none. */
  const ours = async (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = await placeOf(at);
      if (name.includes('(src/')) return name;
    }
    return placeOf(id);
  };
  const self = new Map<string, number>();
  const source = new Map<string, number>();
  let elapsed = 0;
  let totalMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    elapsed += ms;
    const id = profile.samples[i]!;
    if (elapsed < (options.skipMs ?? 0) || !byNode.has(id)) continue;
    totalMs += ms;
    const name = await placeOf(id);
    self.set(name, (self.get(name) ?? 0) + ms);
    if (name === '(idle)') continue;
    const mine = await ours(id);
    source.set(mine, (source.get(mine) ?? 0) + ms);
  }
  return {
    totalMs,
    idleMs: self.get('(idle)') ?? 0,
    top: heaviest(self, options.top ?? 8),
    bySource: heaviest(source, options.top ?? 8),
  };
}

/** `name 120 ms (16%); ...` of the busy (non-idle) time. */
export function describeTop(summary: ProfileSummary, list: 'top' | 'bySource' = 'top'): string {
  const busy = summary.totalMs - summary.idleMs;
  return summary[list]
    .map(({ place, ms }) => `${place} ${ms.toFixed(0)} ms (${((ms / busy) * 100).toFixed(0)}%)`)
    .join('; ');
}
