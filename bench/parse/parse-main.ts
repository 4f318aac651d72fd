/**
 * Entry point, one fresh process per round: builds the tables (not measured), then parses each
 * with analyze-netstat's parser (parseSocketCapture) `iterations` times, eras in rotating order,
 * and prints the times as one JSON line. A whitespace split of the same text is the floor. The
 * first parse in the process is the current era's, so its `coldMs` is a cold-JIT parse.
 *
 *   node parse-main.mjs '{"rows":10000,"iterations":20,"fixtureDir":"test/fixtures/netstat"}'
 */
import { parseSocketCapture } from '../../src/core/sockets/socket-capture';
import { MAIN_ERA, loadNetstatTables } from './netstat-text';
import { SPLIT_FLOOR, type ParseReport, type ParseRequest } from './parse-protocol';

/** Every line split into whitespace tokens: what any table reader has to do at least. */
function splitFloor(text: string): number {
  let tokens = 0;
  for (const line of text.split('\n')) tokens += line.split(/\s+/).length;
  return tokens;
}

function main(): ParseReport {
  const request = JSON.parse(process.argv[2] ?? '{}') as ParseRequest;
  // The current era first, so its first parse is the process's first (cold JIT).
  const tables = loadNetstatTables(request.fixtureDir, request.rows).sort(
    (a, b) => Number(b.era === MAIN_ERA) - Number(a.era === MAIN_ERA),
  );
  const main = tables[0]!;
  const calls: { name: string; run: () => number; rows: number }[] = [
    ...tables.map((t) => ({
      name: t.era,
      run: () => parseSocketCapture(t.text).rows.length,
      rows: t.rows,
    })),
    { name: SPLIT_FLOOR, run: () => (splitFloor(main.text) > 0 ? main.rows : 0), rows: main.rows },
  ];
  const times: ParseReport['times'] = {};
  for (let i = 0; i <= request.iterations; i++) {
    for (let k = 0; k < calls.length; k++) {
      const call = calls[(i + k) % calls.length]!;
      // CPU time, not wall: the machine is shared, and a parse never waits on anything.
      const started = process.cpuUsage();
      const parsed = call.run();
      const used = process.cpuUsage(started);
      const ms = (used.user + used.system) / 1000;
      if (parsed !== call.rows)
        throw new Error(`${call.name}: parsed ${parsed} rows of ${call.rows}`);
      const entry = (times[call.name] ??= { coldMs: ms, ms: [] });
      if (i > 0) entry.ms.push(ms);
    }
  }
  return { times, rows: request.rows };
}

try {
  process.stdout.write(`${JSON.stringify(main())}\n`);
} catch (error) {
  process.stderr.write(
    `parse-main: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`,
  );
  process.exit(1);
}
