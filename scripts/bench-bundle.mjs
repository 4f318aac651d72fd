// The one esbuild set-up for the benchmarks: bench/*.ts entry points bundled for Node into
// bench/.work/dist/<name>.mjs, dependencies left external (scripts/run-bench.mjs,
// scripts/run-library-bench.mjs).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** `entries` maps an output name to a path relative to `root`; returns the output folder. */
export async function bundleBenchEntries(root, entries) {
  const dist = join(root, 'bench', '.work', 'dist');
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, path]) => [name, join(root, path)]),
    ),
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return dist;
}
