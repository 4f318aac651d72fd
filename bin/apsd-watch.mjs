#!/usr/bin/env node
// Thin launcher: the CLI is bundled to out/cli by `npm run build` (run by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/apsd-watch.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('apsd-watch: not built yet; run `npm run build` in the project first.\n');
  process.exit(2);
}
await import(bundle.href);
