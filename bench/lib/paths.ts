/** Where the benchmark reads and writes: the repository root, its scratch folder, its bundles. */
import { join } from 'node:path';

/** scripts/run-bench.mjs sets this; a bare run from the repository root works too. */
export const REPO_ROOT = process.env.APSD_BENCH_ROOT ?? process.cwd();
/** Generated data and bundles (git-ignored), reused between runs where noted. */
export const WORK_DIR = join(REPO_ROOT, 'bench', '.work');
/** The bench's own entry points, bundled by run-bench.mjs. */
const DIST_DIR = join(WORK_DIR, 'dist');
export const RESULTS_FILE = join(REPO_ROOT, 'bench', 'RESULTS.md');
export const RUSAGE_RUN = join(REPO_ROOT, 'bench', 'lib', 'rusage-run.py');
export const CLI = join(REPO_ROOT, 'bin', 'apsd-watch.mjs');

/** A bundled entry point, e.g. `socket-farm` -> bench/.work/dist/socket-farm.mjs. */
export function distEntry(name: string): string {
  return join(DIST_DIR, `${name}.mjs`);
}
