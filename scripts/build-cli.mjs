// Bundles the CLI (and the engine and dashboard server it uses) as ESM, split so that each command's
// code is a chunk loaded only when that command runs (src/cli/commands/index.ts); runtime
// dependencies stay external and are resolved from node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await rm('out/cli', { recursive: true, force: true });
await build({
  entryPoints: { 'apsd-watch': 'src/cli/main.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: Object.keys(pkg.dependencies ?? {}),
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
