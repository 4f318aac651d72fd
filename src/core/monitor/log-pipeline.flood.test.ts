/** A flood through the real follower and pipeline: every line counted, and said once. */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LogPipeline } from './log-pipeline';

const dir = mkdtempSync(join(tmpdir(), 'apsd-watch-flood-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    // A syslog line dated now, as syslogd writes it.
    const d = new Date();
    const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
    const two = (n: number) => String(n).padStart(2, '0');
    const prefix = `${months[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} mac.local apsd[106]:`;
    for (let batch = 0; batch < 4; batch += 1)
      appendFileSync(path, `${prefix} Failed to evaluate trust\n`.repeat(5000));
    await new Promise((resolve) => setTimeout(resolve, 2500)); // two polls of the real timer
    await pipeline.stop();
    expect(pipeline.aggregator.summary().byKind['trust-failure']).toBe(20_000);
    expect(warnings.filter((w) => w.startsWith('log flood: '))).toHaveLength(1);
  });
});
