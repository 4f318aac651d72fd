/**
 * The unified log on a real Mac: lines written with `logger` come back through the engine's own
 * reader, classified, both from the `log show` back-fill at start and live from
 * `log stream --style ndjson`, with the predicate `process == "logger"`.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { UnifiedLogStream } from '../../src/core/logs/live/unified-log-stream';
import type { LogEvent } from '../../src/shared/snapshot';
import { onMacOnly } from '../support/mac-only';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two lines of known kinds, each carrying the marker so only this run's lines are counted. */
async function writeMarkedLines(marker: string): Promise<void> {
  await run('/usr/bin/logger', [`apsd-watch test ${marker}: Unrecognized leaf certificate`]);
  await run('/usr/bin/logger', [`apsd-watch test ${marker}: Failed to evaluate trust`]);
}

function followLogger(backfillSeconds: number) {
  const stream = new UnifiedLogStream({
    processes: ['logger'],
    logBinary: '/usr/bin/log',
    backfillSeconds,
  });
  const events: LogEvent[] = [];
  const warnings: string[] = [];
  stream.on('events', (batch) => events.push(...batch));
  stream.on('warning', (warning) => warnings.push(warning));
  return { stream, events, warnings };
}

const kindsOf = (events: LogEvent[], marker: string) =>
  events
    .filter((event) => event.message.includes(marker))
    .map((event) => `${event.process} ${event.kind}`)
    .sort();

describe.runIf(onMacOnly('reading the unified log (logger, log show, log stream)'))(
  'unified log on macOS',
  () => {
    let stop: (() => Promise<void>) | null = null;
    afterEach(async () => {
      await stop?.();
      stop = null;
    });

    it('the log show back-fill delivers lines logger wrote before the start, classified', async () => {
      const marker = randomUUID();
      await writeMarkedLines(marker);
      await sleep(2000); // let logd persist them before log show reads
      const { stream, events, warnings } = followLogger(300);
      stop = () => stream.stop();
      await stream.start(); // resolves once the back-fill is in
      expect(kindsOf(events, marker)).toEqual(['logger leaf-certificate', 'logger trust-failure']);
      expect(warnings).toEqual([]);
      expect(stream.status.state).toBe('running');
    }, 90_000);

    it('log stream --style ndjson delivers lines written while it runs, once each', async () => {
      const { stream, events, warnings } = followLogger(0);
      stop = () => stream.stop();
      await stream.start();
      expect(stream.status.state).toBe('running');
      expect(stream.status.from).toBe(
        `/usr/bin/log stream --style ndjson --predicate 'process == "logger"'`,
      );
      await sleep(3000); // log stream needs a moment before it delivers
      const marker = randomUUID();
      await writeMarkedLines(marker);
      for (let waited = 0; kindsOf(events, marker).length < 2 && waited < 30_000; waited += 250)
        await sleep(250);
      await sleep(1000); // a duplicate would arrive by now
      expect(kindsOf(events, marker)).toEqual(['logger leaf-certificate', 'logger trust-failure']);
      const mine = events.filter((event) => event.message.includes(marker));
      expect(mine.every((event) => typeof event.pid === 'number' && event.pid > 0)).toBe(true);
      expect(warnings).toEqual([]);
    }, 90_000);
  },
);
