/**
 * Entry point run once per measurement in a fresh process: loads the code (not measured), then
 * takes `calls` samples back to back and prints a SideReport as one JSON line. The first call is
 * cold (fresh JIT, empty tracker); the rest are the steady state a long-running monitor lives in.
 *
 *   node socket-side.mjs '{"side":"engine","pushPort":40000,"calls":6}'
 */
import { DaemonFacts } from '../../src/core/monitor/daemon-facts';
import { APSD_RULES } from '../../src/shared/settings';
import { measureCall, type CallCost } from '../lib/cpu-clock';
import {
  benchRules,
  engineSample,
  systeminformationCall,
  type Seen,
  type SideReport,
  type SideRequest,
} from './socket-sides';

/** As the engine knows it after its daemon check (not measured): is a process named apsd here? */
async function daemonMayRun(side: SideRequest['side']): Promise<boolean> {
  if (side === 'engine-owners') return true;
  const facts = new DaemonFacts(APSD_RULES.processes[0]!, process.platform);
  await facts.current(new Date());
  return facts.mayBeRunning();
}

async function main(): Promise<SideReport> {
  const request = JSON.parse(process.argv[2] ?? '{}') as SideRequest;
  const call =
    request.side === 'systeminformation'
      ? systeminformationCall
      : engineSample(benchRules(request.pushPort), await daemonMayRun(request.side));
  const calls: CallCost[] = [];
  let seen: Seen = { rows: 0, finWait1: 0 };
  let steadyFromMs = 0;
  for (let i = 0; i < Math.max(1, request.calls); i++) {
    if (i === 1) steadyFromMs = performance.now();
    const { cost, value } = await measureCall(call);
    calls.push(cost);
    seen = value;
  }
  return { side: request.side, calls, seen, steadyFromMs };
}

main().then(
  (report) => process.stdout.write(`${JSON.stringify(report)}\n`),
  (error: unknown) => {
    process.stderr.write(
      `socket-side: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
    );
    process.exit(1);
  },
);
