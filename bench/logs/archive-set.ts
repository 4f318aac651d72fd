/**
 * The week of rotated archives the log benchmark reads: `system.log.0.gz` (newest) to
 * `system.log.6.gz`, generated once into bench/.work and reused while their tally file matches
 * (a change of size or generator version rebuilds them). The tally holds what the files must
 * yield, so every run can check that every side read all of it.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeArchive } from './syslog-archive';
import { emptyTally, type Tally } from './syslog-lines';

/** Bump when syslog-lines.ts or syslog-archive.ts change what they write. */
const GENERATOR_VERSION = 1;
const ARCHIVES = 7;
const DAY_MS = 86_400_000;

export interface ArchiveSet {
  paths: string[];
  /** Unpacked bytes, all files. */
  bytes: number;
  compressedBytes: number;
  total: Tally;
  reused: boolean;
}

export async function ensureArchives(dir: string, bytesPerArchive: number): Promise<ArchiveSet> {
  const paths = Array.from({ length: ARCHIVES }, (_, i) => join(dir, `system.log.${i}.gz`));
  const key = { version: GENERATOR_VERSION, bytesPerArchive };
  const tallyFile = join(dir, 'tally.json');
  let saved = await readFile(tallyFile, 'utf8').then(JSON.parse, () => null);
  const reused = JSON.stringify(saved?.key) === JSON.stringify(key);
  if (!reused) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // The newest archive ends an hour ago; each older one covers the day before.
    const end = Date.now() - 3_600_000;
    const total = emptyTally();
    for (const [i, path] of paths.entries()) {
      const spec = { path, bytes: bytesPerArchive, seed: 1000 + i, spanMs: DAY_MS };
      const tally = await writeArchive({ ...spec, endMs: end - i * DAY_MS, apsdPid: 106 + i });
      total.lines += tally.lines;
      total.grepLines += tally.grepLines;
      for (const kind of Object.keys(total.events) as (keyof Tally['events'])[])
        total.events[kind] += tally.events[kind];
    }
    saved = { key, total };
    await writeFile(tallyFile, JSON.stringify(saved));
  }
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  return {
    paths,
    bytes: bytesPerArchive * ARCHIVES,
    compressedBytes: sizes.reduce((a, b) => a + b, 0),
    total: saved.total as Tally,
    reused,
  };
}
