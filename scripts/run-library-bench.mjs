#!/usr/bin/env node
// Hand-written code against the libraries that could replace it (bench/libraries/library-peers.ts):
// installs the peers without saving them (`npm install --no-save`: package.json and the lock file
// stay as they are), prints what each adds to a minified bundle, then runs the CPU comparison.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleBenchEntries } from './bench-bundle.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
// @peculiar/x509 needs a Reflect polyfill at run time (its tsyringe container), so it is counted too.
const PEERS = ['@peculiar/x509', 'reflect-metadata', 'pkijs', '@streamparser/json'];
const missing = PEERS.filter(
  (name) => !existsSync(join(root, 'node_modules', name, 'package.json')),
);
if (missing.length > 0) {
  // All at once: a later `--no-save` install removes what an earlier one added.
  const npm = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', ...PEERS], {
    cwd: root,
    stdio: 'inherit',
  });
  if (npm.status !== 0) {
    process.stderr.write(`library bench: could not install ${PEERS.join(', ')}\n`);
    process.exit(1);
  }
}

/** Minified bytes one import adds to a browser-free Node bundle (what the CLI and main ship). */
async function bundleBytes(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].contents.length;
}

const SIZES = {
  'X.509 ours (der.ts + certificate-extensions.ts)': `export * from './src/core/probe/certificate-extensions';`,
  'X.509 @peculiar/x509 (+ reflect-metadata)': `import 'reflect-metadata'; export { X509Certificate, KeyUsagesExtension, ExtendedKeyUsageExtension } from '@peculiar/x509';`,
  'X.509 pkijs': `export { Certificate, ExtKeyUsage } from 'pkijs';`,
  'JSON ours (json-array-splitter.ts)': `export * from './src/core/logs/saved/json-array-splitter';`,
  'JSON @streamparser/json': `export { JSONParser } from '@streamparser/json';`,
};
process.stdout.write('Minified bundle bytes each adds:\n');
for (const [name, source] of Object.entries(SIZES))
  process.stdout.write(
    `  ${name.padEnd(48)} ${(await bundleBytes(source)).toLocaleString('en')}\n`,
  );

const tsc = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'bench/libraries/tsconfig.json',
    '--noEmit',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

const dist = await bundleBenchEntries(root, {
  'library-peers': 'bench/libraries/library-peers.ts',
});
const run = spawnSync(process.execPath, [join(dist, 'library-peers.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
