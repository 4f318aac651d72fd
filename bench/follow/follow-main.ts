/**
 * The follower's side of section 9, in a process of its own: the engine (createEngine, as
 * `watch --log-file` runs it) following one syslog file, sampling every second, until its
 * snapshots show all `lines` lines read and counted. Prints one JSON line: what it saw and when.
 * argv: <syslog file> <lines expected> <deadline ms>
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/core/engine';
import type { Snapshot } from '../../src/shared/snapshot';

const [path, expected, deadline] = process.argv.slice(2);
const want = Number(expected);
const dataDir = await mkdtemp(join(tmpdir(), 'bench-follow-'));
const engine = createEngine({
  dataDir,
  intervalSeconds: 1,
  logSource: { kind: 'syslog-file', path: path!, backfillArchives: false },
  // Lines written before the engine is up (a slow start on a loaded machine) are read as back-fill.
  logBackfillSeconds: 3600,
});
const warnings: string[] = [];
engine.on('warning', (w) => warnings.push(w));
const events = (s: Snapshot) => Object.values(s.logs.byKind).reduce((a, b) => a + b, 0);
let doneAt = 0;
// Done when a snapshot shows every line read; the count is checked on the snapshot after that,
// once a quiet poll has completed the last message (a next line could still have continued it).
const last = new Promise<Snapshot | null>((resolve) => {
  setTimeout(() => resolve(null), Number(deadline)).unref();
  engine.on('snapshot', (s) => {
    if (s.source.logs.linesRead >= want) doneAt ||= Date.now();
    if (doneAt && events(s) >= want) resolve(s);
  });
});
await engine.start();
const seen = (await last) ?? engine.latest();
await engine.stop();
await rm(dataDir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ linesRead: seen?.source.logs.linesRead ?? 0, events: seen ? events(seen) : 0, doneAt, warnings })}\n`,
);
