#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --only sockets,logs]`: bundles the benchmarks (bench/*.ts) with
// esbuild into bench/.work/dist, rebuilds the CLI they measure, builds the renderer into
// bench/.work/renderer, then runs bench/main.ts. Not part of `npm test`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { build } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dist = join(root, 'bench', '.work', 'dist');
const ENTRIES = {
  main: 'bench/main.ts',
  'sample-side': 'bench/sockets/sample-side.ts',
  'follow-main': 'bench/follow/follow-main.ts',
};

function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

async function prepare() {
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(ENTRIES).map(([name, path]) => [name, join(root, path)]),
    ),
    outdir: dist,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // dependencies load from node_modules, as the CLI's do
    sourcemap: true,
    logLevel: 'warning',
  });
  // The CLI measured by scan-logs and the idle run: the project's own build of it.
  const code = await run(process.execPath, [join(root, 'scripts', 'build-cli.mjs')]);
  if (code !== 0) throw new Error('building the CLI failed (scripts/build-cli.mjs)');
}

try {
  await prepare();
} catch (error) {
  process.stderr.write(`bench: ${String(error?.message ?? error).split('\n')[0]}\n`);
  process.exit(1);
}
process.exit(
  await run(process.execPath, [join(dist, 'main.mjs'), ...process.argv.slice(2)], {
    APSD_BENCH_ROOT: root,
  }),
);
