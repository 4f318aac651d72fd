/** A flood through the real follower and pipeline: every line counted, and said once. */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogPipeline } from './log-pipeline';
import { syslogStamp } from '../../../test/support/syslog-stamp';

const dir = mkdtempSync(join(tmpdir(), 'apsd-watch-flood-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves once the follower has read `lines` lines: it counts them before it hands on their events. */
function everyLineRead(pipeline: LogPipeline, lines: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (pipeline.sourceInfo().linesRead < lines) return;
      pipeline.off('fresh', check);
      resolve();
    };
    pipeline.on('fresh', check);
    check();
  });
}

describe('LogPipeline under a log flood', () => {
  it('counts all 20,000 lines of a flood and warns about it once', async () => {
    const path = join(dir, 'system.log');
    writeFileSync(path, '');
    const pipeline = new LogPipeline({
      source: { kind: 'syslog-file', path, backfillArchives: false },
      platform: 'linux',
      processes: ['apsd'],
      backfillSeconds: 0,
      follow: true,
    });
    const warnings: string[] = [];
    pipeline.on('warning', (w) => warnings.push(w));
    await pipeline.start();
    const prefix = `${syslogStamp(new Date())} mac.local apsd[106]:`;
    for (let batch = 0; batch < 4; batch += 1)
      appendFileSync(path, `${prefix} Failed to evaluate trust\n`.repeat(5000));
    await everyLineRead(pipeline, 20_000);
    await pipeline.stop(); // completes the last message, which a next line could still continue
    expect(pipeline.aggregator.summary().byKind['trust-failure']).toBe(20_000);
    expect(warnings.filter((w) => w.startsWith('log flood: '))).toHaveLength(1);
  });
});
