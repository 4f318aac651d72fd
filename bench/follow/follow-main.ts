/**
 * The follower's side of section 9, in a process of its own: the engine's log pipeline (the real
 * syslog follower, its 1 s poll, the aggregator and the flood meter) on one file, until it has
 * read `lines` lines. Prints one JSON line: what it read and when.
 * argv: <syslog file> <lines expected> <deadline ms>
 */
import { LogPipeline } from '../../src/core/monitor/log-pipeline';

const [path, expected, deadline] = process.argv.slice(2);
const want = Number(expected);
const pipeline = new LogPipeline({
  source: { kind: 'syslog-file', path: path!, backfillArchives: false },
  platform: 'linux',
  processes: ['apsd'],
  backfillSeconds: 0,
  follow: true,
});
const warnings: string[] = [];
pipeline.on('warning', (w) => warnings.push(w));
await pipeline.start();
const started = Date.now();
let peakRss = 0;
for (;;) {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const read = pipeline.sourceInfo().linesRead;
  if (read >= want || Date.now() - started > Number(deadline)) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const linesRead = pipeline.sourceInfo().linesRead;
// Stopping completes the last message (a syslog message may go on in the next line).
await pipeline.stop();
const events = Object.values(pipeline.aggregator.summary().byKind).reduce((a, b) => a + b, 0);
process.stdout.write(
  `${JSON.stringify({ linesRead, events, doneAt: Date.now(), peakRssMiB: peakRss / 1048576, warnings })}\n`,
);
