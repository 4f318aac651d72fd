/**
 * The week of rotated archives the log benchmark reads: `system.log.0.gz` (newest) to
 * `system.log.6.gz`, generated once into bench/.work and reused while the manifest matches (a
 * change of size or generator version rebuilds them). The manifest holds what each file must
 * yield, so every run can check that every side read all of it.
 */
import { existsSync } from 'node:fs';
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
  /** Compressed bytes, all files. */
  compressedBytes: number;
  total: Tally;
  reused: boolean;
}

interface Manifest {
  version: number;
  bytesPerArchive: number;
  files: { name: string; tally: Tally; compressedBytes: number }[];
}

function addTally(into: Tally, more: Tally): void {
  into.lines += more.lines;
  into.grepLines += more.grepLines;
  for (const kind of Object.keys(into.events) as (keyof Tally['events'])[])
    into.events[kind] += more.events[kind];
}

function summarizeSet(dir: string, manifest: Manifest, reused: boolean): ArchiveSet {
  const total = emptyTally();
  for (const file of manifest.files) addTally(total, file.tally);
  return {
    paths: manifest.files.map((file) => join(dir, file.name)),
    bytes: manifest.bytesPerArchive * manifest.files.length,
    compressedBytes: manifest.files.reduce((sum, file) => sum + file.compressedBytes, 0),
    total,
    reused,
  };
}

async function readManifest(dir: string, bytesPerArchive: number): Promise<Manifest | null> {
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const complete =
      manifest.version === GENERATOR_VERSION &&
      manifest.bytesPerArchive === bytesPerArchive &&
      manifest.files.length === ARCHIVES &&
      manifest.files.every((file) => existsSync(join(dir, file.name)));
    return complete ? manifest : null;
  } catch {
    return null;
  }
}

/** Reuses the archives in `dir` when they match, else writes them and the manifest. */
export async function ensureArchives(dir: string, bytesPerArchive: number): Promise<ArchiveSet> {
  const existing = await readManifest(dir, bytesPerArchive);
  if (existing) return summarizeSet(dir, existing, true);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // The newest archive ends an hour ago; each older one covers the day before.
  const endOfNewest = Date.now() - 3_600_000;
  const files: Manifest['files'] = [];
  for (let index = 0; index < ARCHIVES; index++) {
    const name = `system.log.${index}.gz`;
    const tally = await writeArchive({
      path: join(dir, name),
      bytes: bytesPerArchive,
      seed: 1000 + index,
      endMs: endOfNewest - index * DAY_MS,
      spanMs: DAY_MS,
      apsdPid: 106 + index,
    });
    files.push({ name, tally, compressedBytes: (await stat(join(dir, name))).size });
  }
  const manifest: Manifest = { version: GENERATOR_VERSION, bytesPerArchive, files };
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return summarizeSet(dir, manifest, false);
}
