/**
 * scan-logs streams: a gzip of 1.9 million apsd lines is read by the built CLI in a process whose
 * heap is capped at 64 MB. Holding every event (about 250 bytes each) would need ~500 MB and die
 * with a V8 heap-limit error; counts and summaries come out, exact.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/snapshot';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'apsd-watch-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan-logs on a large archive of apsd lines', () => {
  it('counts every line with a 64 MB heap: nothing is held per event', async () => {
    const lines: string[] = [];
    // One line per second from 00:00:00; every 7th the leaf message, every 11th (not 7th) a trust failure.
    for (let i = 0; i < 160_000; i++) {
      const t = new Date(Date.UTC(2026, 4, 25, 0, 0, i));
      const stamp = `May 25 ${t.toISOString().slice(11, 19)}`;
      const message =
        i % 7 === 0
          ? 'Unrecognized leaf certificate'
          : i % 11 === 0
            ? 'Untrusted peer, closing connection immediately'
            : 'Connected to courier 18-courier.push.apple.com (17.57.144.12)';
      lines.push(`${stamp} mac.local apsd[106]: ${message}`);
    }
    const member = gzipSync(`${lines.join('\n')}\n`);
    const members = 12;
    const path = join(dir, 'system.log.0.gz');
    writeFileSync(path, Buffer.concat(Array.from({ length: members }, () => member)));
    const { stdout } = await run(
      process.execPath,
      ['--max-old-space-size=64', 'bin/apsd-watch.mjs', 'scan-logs', path, '--json'],
      { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, TZ: 'UTC' } },
    );
    const snapshot = JSON.parse(stdout) as Snapshot;
    // Per member: ceil(160000/7) = 22,858 leaf lines; multiples of 11 but not 7: 14,546 - 2,078 = 12,468.
    expect(snapshot.logs.byKind).toEqual({
      'leaf-certificate': 22_858 * members,
      'trust-failure': 12_468 * members,
      connection: (160_000 - 22_858 - 12_468) * members,
      other: 0,
    });
    expect(snapshot.source.logs).toMatchObject({ linesRead: 160_000 * members, linesNotRead: 0 });
    expect(snapshot.logs.recent.length).toBeLessThanOrEqual(200);
  }, 120_000);
});
