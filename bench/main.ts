/**
 * `npm run bench`: builds each benchmark's conditions on this machine, measures the engine and
 * its peers in the same run, prints the tables and writes them with the machine's details to
 * bench/RESULTS.md (a quick or partial run writes bench/.work/RESULTS-partial.md instead).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseBenchOptions, USAGE, type SectionId, type BenchOptions } from './lib/bench-options';
import { installCleanupHandlers, runCleanups } from './lib/cleanup';
import { currentLoad, machineInfo } from './lib/machine-info';
import { REPO_ROOT, RESULTS_FILE, WORK_DIR } from './lib/paths';
import { renderResults, renderSection } from './lib/render-report';
import type { SectionResult } from './lib/section-result';
import { METHOD } from './method';
import { runIdleBench } from './idle/idle-bench';
import { runLogBench } from './logs/log-bench';
import { runPopoverBench } from './popover/popover-bench';
import { runSocketBench } from './sockets/socket-bench';
import { runOneShotBench } from './oneshot/oneshot-bench';
import { runMacSocketBench } from './macos/mac-socket-bench';
import { runCaptureBench } from './capture/capture-bench';
import { runFollowBench } from './follow/follow-bench';

const SECTIONS: Record<
  SectionId,
  {
    title: string;
    run: (o: BenchOptions) => Promise<SectionResult>;
    /** Where the section can build its conditions; elsewhere it is skipped with a line. */
    platforms: readonly NodeJS.Platform[];
  }
> = {
  sockets: { title: '1. Socket sampling', run: runSocketBench, platforms: ['linux'] },
  logs: { title: '3. Log back-fill', run: runLogBench, platforms: ['linux', 'darwin'] },
  idle: { title: '4. Idle cost', run: runIdleBench, platforms: ['linux'] },
  popover: { title: '5. Popover paint time', run: runPopoverBench, platforms: ['linux', 'darwin'] },
  oneshot: { title: '6. One-shot commands', run: runOneShotBench, platforms: ['linux'] },
  macsockets: { title: '7. macOS socket sources', run: runMacSocketBench, platforms: ['darwin'] },
  capture: {
    title: '8. analyze-netstat on a large capture',
    run: runCaptureBench,
    platforms: ['linux', 'darwin'],
  },
  follow: {
    title: '9. Following a syslog flood',
    run: runFollowBench,
    platforms: ['linux', 'darwin'],
  },
};

/** Notes from this heading on in RESULTS.md (one-off comparisons, A/B runs) survive a rewrite. */
const KEPT_HEADING = '\n## Notes kept between runs';

function keptNotes(): string {
  try {
    const old = readFileSync(RESULTS_FILE, 'utf8');
    return old.includes(KEPT_HEADING) ? old.slice(old.indexOf(KEPT_HEADING)) : '';
  } catch {
    return '';
  }
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  installCleanupHandlers();
  const machine = machineInfo();
  const results: SectionResult[] = [];
  const failures: { title: string; error: string }[] = [];
  process.stdout.write(
    `apsd-watch bench (${options.quick ? 'quick' : 'full'}), load ${machine.loadAtStart}\n\n`,
  );
  const skipped: { title: string; reason: string }[] = [];
  for (const id of options.sections) {
    const section = SECTIONS[id];
    if (!section.platforms.includes(process.platform)) {
      const reason = `runs on ${section.platforms.join(' and ')} only (this is ${process.platform}); the CI workflow's ${section.platforms.includes('darwin') ? 'macOS bench job' : 'Linux job'} is where it runs.`;
      skipped.push({ title: section.title, reason });
      process.stdout.write(`== ${section.title}: skipped, ${reason}\n\n`);
      continue;
    }
    process.stdout.write(`== ${section.title} ...\n`);
    try {
      const result = await section.run(options);
      results.push(result);
      process.stdout.write(`${renderSection(result, false)}\n`);
    } catch (error) {
      const message = String((error as Error)?.message ?? error).split('\n')[0]!;
      failures.push({ title: section.title, error: message });
      process.stdout.write(`   failed: ${message}\n\n`);
    } finally {
      const errors = await runCleanups();
      for (const e of errors) process.stderr.write(`bench: cleanup: ${e}\n`);
    }
  }
  machine.loadAtEnd = currentLoad();
  const text = renderResults(
    {
      machine,
      mode: options.quick ? 'quick' : 'full',
      command: `npm run bench${options.quick ? ' -- --quick' : ''}${options.sections.length < Object.keys(SECTIONS).length ? ` -- --only ${options.sections.join(',')}` : ''}`,
      method: METHOD,
      sections: results,
      failures,
      skipped,
    },
    true,
  );
  const file = options.write ? RESULTS_FILE : `${WORK_DIR}/RESULTS-partial.md`;
  mkdirSync(WORK_DIR, { recursive: true });
  writeFileSync(file, options.write ? text + keptNotes() : text);
  process.stdout.write(`Wrote ${relative(REPO_ROOT, file)}.\n`);
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    await runCleanups();
    process.stderr.write(`bench: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`);
    process.exit(1);
  },
);
