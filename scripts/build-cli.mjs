// Bundles the CLI (and the engine and dashboard server it uses) as ESM, split so that each command's
// code is a chunk loaded only when that command runs (src/cli/commands/index.ts). Runtime
// dependencies stay external and are resolved from node_modules, except zod: loaded as ~100
// separate ES modules it cost a one-shot `status` about 25 ms more CPU than bundled
// (bench/RESULTS.md, One-shot commands).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

const BUNDLED = new Set(['zod']);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Built aside and swapped in, so a CLI run or `npm pack` going on meanwhile (tests run in
// parallel, and one rebuilds) never meets a half-written folder.
const OUT = 'out/cli';
const staging = `${OUT}.${process.pid}.new`;
const previous = `${OUT}.${process.pid}.old`;
await rm(staging, { recursive: true, force: true });
await build({
  entryPoints: { 'apsd-watch': 'src/cli/main.ts' },
  outdir: staging,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: Object.keys(pkg.dependencies ?? {}).filter((name) => !BUNDLED.has(name)),
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
await rename(OUT, previous).catch((error) => {
  if (error.code !== 'ENOENT') throw error;
});
await rename(staging, OUT);
await rm(previous, { recursive: true, force: true });
