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
import type { SectionBody, SectionResult } from './lib/section-result';
import { runIdleBench } from './idle/idle-bench';
import { runLogBench } from './logs/log-bench';
import { runPopoverBench } from './popover/popover-bench';
import { runSocketBench } from './sockets/socket-bench';
import { runOneShotBench } from './oneshot/oneshot-bench';
import { runMacSocketBench } from './macos/mac-socket-bench';
import { runCaptureBench } from './capture/capture-bench';
import { runFollowBench } from './follow/follow-bench';

/** How the benchmark measures, written into RESULTS.md above the tables. */
const METHOD = [
  'Every number comes from this machine in one run: each section builds its own conditions (real loopback sockets, generated netstat text and syslog archives, a real Chromium), then runs the engine and its peers alternately, several times, and reports the median, min and max with the ratio of medians against each peer. Targets are findings, reported met or missed, never asserted in tests.',
  '',
  'CPU time is user + system, including waited-for child processes. Whole processes (ss, netstat, zgrep, scan-logs) are measured with wait4() through bench/lib/rusage-run.py, which is exact to the microsecond; work inside a Node process is measured with process.cpuUsage() deltas around the call, plus its reaped children from /proc/self/stat (10 ms resolution). Wall times depend on the load other work puts on this shared machine (see the load averages above); CPU times much less so.',
].join('\n');

/** Each section: its title, and where it can build its conditions (elsewhere it is skipped). */
const SECTIONS: Record<
  SectionId,
  [title: string, run: (o: BenchOptions) => Promise<SectionBody>, platforms: NodeJS.Platform[]]
> = {
  sockets: ['1. Socket sampling', runSocketBench, ['linux']],
  logs: ['2. Log back-fill', runLogBench, ['linux', 'darwin']],
  idle: ['3. Idle cost', runIdleBench, ['linux']],
  popover: ['4. Popover paint time', runPopoverBench, ['linux', 'darwin']],
  oneshot: ['5. One-shot commands', runOneShotBench, ['linux']],
  macsockets: ['6. macOS socket sources', runMacSocketBench, ['darwin']],
  capture: ['7. analyze-netstat on a large capture', runCaptureBench, ['linux', 'darwin']],
  follow: ['8. Following a syslog flood', runFollowBench, ['linux', 'darwin']],
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
    const [title, run, platforms] = SECTIONS[id];
    if (!platforms.includes(process.platform)) {
      const reason = `runs on ${platforms.join(' and ')} only (this is ${process.platform}); the CI workflow's ${platforms.includes('darwin') ? 'macOS bench job' : 'Linux job'} is where it runs.`;
      skipped.push({ title, reason });
      process.stdout.write(`== ${title}: skipped, ${reason}\n\n`);
      continue;
    }
    process.stdout.write(`== ${title} ...\n`);
    try {
      const result = { id, title, ...(await run(options)) };
      results.push(result);
      process.stdout.write(`${renderSection(result, false)}\n`);
    } catch (error) {
      const message = String((error as Error)?.message ?? error).split('\n')[0]!;
      failures.push({ title, error: message });
      process.stdout.write(`   failed: ${message}\n\n`);
    } finally {
      for (const e of await runCleanups()) process.stderr.write(`bench: cleanup: ${e}\n`);
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
