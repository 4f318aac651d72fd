import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../src/shared/snapshot';
import { runCliCaptured } from '../support/cli-harness';

const SYSLOG = 'test/fixtures/logs/system-log.txt';
const NDJSON = 'test/fixtures/logs/unified-show.ndjson';

async function scan(args: string[]) {
  const run = await runCliCaptured(['scan-logs', ...args]);
  return {
    ...run,
    snapshot: run.code === 0 && args.includes('--json') ? (JSON.parse(run.out) as Snapshot) : null,
  };
}

describe('apsd-watch scan-logs', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'apsd-watch-scan-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('classifies a system.log: the benign leaf message apart from trust failures', async () => {
    const { code, err, snapshot } = await scan([SYSLOG, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const byKind = snapshot!.logs.byKind;
    // One leaf-certificate line; "Failed to evaluate trust" repeated twice more, and "Untrusted peer".
    expect(byKind['leaf-certificate']).toBe(1);
    expect(byKind['trust-failure']).toBe(4);
    expect(byKind.connection).toBe(1);
    // Only apsd's own lines: launchd's and the kernel's lines about apsd are not apsd's.
    expect(snapshot!.logs.recent.every((e) => e.process === 'apsd')).toBe(true);
    expect(snapshot!.source.sockets.status).toBe('skipped');
    expect(snapshot!.warnings.some((w) => /year/.test(w))).toBe(true);
    expect(snapshot!.verdict.reasons.some((r) => /trust failures/.test(r))).toBe(true);
  });

  it('reads a .gz archive the same as the plain file, and an ndjson export beside it', async () => {
    const gz = join(dir, 'system.log.0.gz');
    writeFileSync(gz, gzipSync(readFileSync(SYSLOG)));
    const plain = await scan([SYSLOG, '--json']);
    const zipped = await scan([gz, NDJSON, '--json']);
    expect(zipped.code).toBe(0);
    const ndjson = await scan([NDJSON, '--json']);
    for (const kind of ['leaf-certificate', 'trust-failure', 'connection'] as const)
      expect(zipped.snapshot!.logs.byKind[kind]).toBe(
        plain.snapshot!.logs.byKind[kind] + ndjson.snapshot!.logs.byKind[kind],
      );
    expect(zipped.snapshot!.source.logs.from).toContain('system.log.0.gz');
  });

  it('keeps what a truncated archive held before the break, and warns', async () => {
    const whole = gzipSync(readFileSync(SYSLOG).toString().repeat(200));
    const cut = join(dir, 'system.log.1.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const { code, snapshot } = await scan([cut, '--json']);
    expect(code).toBe(0);
    expect(snapshot!.logs.byKind['leaf-certificate']).toBeGreaterThan(0);
    expect(snapshot!.logs.byKind['leaf-certificate']).toBeLessThan(200);
    expect(snapshot!.warnings.join('\n')).toMatch(/system\.log\.1\.gz: .*truncated/i);
  });

  it('survives binary junk and says so', async () => {
    const junk = join(dir, 'junk.log');
    writeFileSync(
      junk,
      Buffer.concat([readFileSync(SYSLOG), Buffer.from([0, 1, 2, 255, 254, 0, 10])]),
    );
    const { code, snapshot } = await scan([junk, '--json']);
    expect(code).toBe(0);
    expect(snapshot!.logs.byKind['leaf-certificate']).toBe(1);
    expect(snapshot!.warnings.join('\n')).toMatch(/junk\.log: .*binary/);
  });

  it('fails in one line, exit 2, when nothing can be read', async () => {
    for (const args of [['/nonexistent/system.log'], []]) {
      const { code, out, err } = await scan(args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses empty files in one line, exit 2, and reads a real file beside one', async () => {
    const empty = join(dir, 'empty.log');
    writeFileSync(empty, '');
    const alone = await scan([empty, '--json']);
    expect(alone.code).toBe(2);
    expect(alone.out).toBe('');
    expect(alone.err.trim().split('\n')).toHaveLength(1);
    expect(alone.err).toMatch(/empty\.log: empty; expected system\.log syslog/);
    expect((await scan(['-'])).code).toBe(2); // an empty standard input
    const beside = await scan([SYSLOG, empty, '--json']);
    expect(beside.code).toBe(0);
    expect(beside.snapshot!.logs.byKind['leaf-certificate']).toBe(1);
  });

  it('reads what it can when one of several files is missing, and marks the logs part failed', async () => {
    const { code, snapshot } = await scan([SYSLOG, '/nonexistent/other.log', '--json']);
    expect(code).toBe(0);
    expect(snapshot!.source.logs.status).toBe('failed');
    expect(snapshot!.logs.byKind['leaf-certificate']).toBe(1);
  });
});
