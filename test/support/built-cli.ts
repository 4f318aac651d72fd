/**
 * The built CLI (out/cli, what bin/apsd-watch.mjs runs) for tests that start it as a child
 * process. Rebuilt only when a source file is newer than the bundle, one test file at a time
 * (a lock directory): the build swaps out/cli in whole, but two builds at once would race on it.
 */
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCommand } from '../../src/core/exec/run-command';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'out/cli/apsd-watch.mjs');
const LOCK = join(ROOT, 'out/.cli-build.lock');
const INPUTS = ['src', 'package.json', 'scripts/build-cli.mjs'];

/** The launcher to run with `node`: bin/apsd-watch.mjs, its bundle up to date. */
export async function builtCli(): Promise<string> {
  await mkdir(join(ROOT, 'out'), { recursive: true });
  await lock();
  try {
    if (await stale()) await runCommand('node', ['scripts/build-cli.mjs'], { timeoutMs: 120_000 });
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
  return join(ROOT, 'bin/apsd-watch.mjs');
}

async function lock(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return await mkdir(LOCK);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || Date.now() > deadline) throw error;
      // A lock left by a test run that was killed mid-build: no build takes this long.
      const age = await stat(LOCK).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      );
      if (age > 180_000) await rmdir(LOCK).catch(() => undefined);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

async function stale(): Promise<boolean> {
  const built = await stat(BUNDLE).then(
    (info) => info.mtimeMs,
    () => null,
  );
  if (built === null) return true;
  for (const input of INPUTS) if ((await newest(join(ROOT, input))) > built) return true;
  return false;
}

async function newest(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of await readdir(path))
    latest = Math.max(latest, await newest(join(path, entry)));
  return latest;
}
