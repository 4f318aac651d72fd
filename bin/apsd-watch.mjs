#!/usr/bin/env node
// Thin launcher: the CLI is bundled to out/cli by `npm run build` (run by `npm ci` through `prepare`).
import { existsSync } from 'node:fs';
import module from 'node:module';

const bundle = new URL('../out/cli/apsd-watch.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('apsd-watch: not built yet; run `npm run build` in the project first.\n');
  process.exit(2);
}
// Node 22.1+ keeps V8's compiled code between runs (in the OS temp dir), which is most of what a
// one-shot command from cron or MDM pays; on Node 20 this is absent and nothing changes.
module.enableCompileCache?.();
await import(bundle.href);
