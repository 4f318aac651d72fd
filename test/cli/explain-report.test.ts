/** `explain` and `report` through the CLI, on this machine's real sockets and data directory. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplainerSection } from '../../src/shared/explainer';
import { runCliCaptured } from '../support/cli-harness';

describe('apsd-watch explain and report', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'apsd-watch-explain-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('explain --json answers the six questions (and what apsd is) with evidence from this machine', async () => {
    const { code, out, err } = await runCliCaptured(['explain', '--json', '--data-dir', dir]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const sections = JSON.parse(out) as ExplainerSection[];
    expect(sections.map((s) => s.id)).toEqual([
      'how-it-works',
      'who-needs-it',
      'is-it-working',
      'is-it-an-attack',
      'check-by-hand',
      'restart',
      'stop-for-good',
    ]);
    expect(sections.every((s) => s.answer.length > 0)).toBe(true);
    // No apsd on this machine: the evidence must not claim push works.
    const working = sections.find((s) => s.id === 'is-it-working')!;
    expect(working.evidence.join(' ')).not.toMatch(/push is working/i);
  });

  it('explain prints wrapped prose with the commands whole', async () => {
    const { code, out } = await runCliCaptured(['explain', '--data-dir', dir]);
    expect(code).toBe(0);
    expect(out).toContain('sudo killall apsd');
    expect(out).toContain(`log show --last 24h --predicate 'process == "apsd"'`);
  });

  it('report writes a private file, redacted by default', async () => {
    const file = join(dir, 'report.md');
    const { code, err } = await runCliCaptured(['report', '--out', file, '--data-dir', dir]);
    expect(code).toBe(0);
    expect(err).toMatch(
      /^Report written to .*report\.md \(local addresses, host and user names redacted\)\n$/,
    );
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# /);
    const words = (s: string) =>
      new RegExp(`\\b${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
    expect(text).not.toMatch(words(hostname()));
    // "root" is never redacted (it would turn "Apple Root CA" into nonsense); other names are.
    if (userInfo().username !== 'root') expect(text).not.toMatch(words(userInfo().username));
  });

  it('report refuses an unwritable --out in one line', async () => {
    const { code, err } = await runCliCaptured([
      'report',
      '--out',
      '/nonexistent/dir/report.md',
      '--data-dir',
      dir,
    ]);
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/--out .*report\.md: /);
  });
});
