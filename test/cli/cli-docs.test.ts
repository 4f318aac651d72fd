/**
 * Help that cannot drift: every command's help comes from its one definition, lists each flag once
 * with a description, and the README's CLI table and docs/cli.md are what scripts/cli-docs.mjs
 * makes from the same definitions.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseArgsOptions } from '../../src/cli/command';
import { commands } from '../../src/cli/commands';
import { flagLabel } from '../../src/cli/help-text';
import { runCliCaptured } from '../support/cli-harness';

describe('each command’s help', () => {
  it.each(commands.map((c) => c.name))('%s lists every flag once, described', async (name) => {
    const entry = commands.find((c) => c.name === name)!;
    const command = await entry.load();
    const { code, out } = await runCliCaptured([name, '--help']);
    expect(code).toBe(0);
    for (const [flag, spec] of Object.entries(command.flags)) {
      expect(spec.description.length, flag).toBeGreaterThan(10);
      const label = new RegExp(`^ {2}${escape(flagLabel(flag, spec))}(\\s|$)`, 'gm');
      expect(out.match(label), `--${flag}`).toHaveLength(1);
    }
    // Nothing else looks like a flag's label: no second, hand-written list.
    const labels = out.match(/^ {2}--[\w-]+/gm) ?? [];
    expect(labels).toHaveLength(Object.keys(command.flags).length);
    for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    // Every flag in the help is one the parser takes, and the other way round.
    expect(Object.keys(parseArgsOptions(command.flags)).sort()).toEqual(
      labels.map((l) => l.trim().slice(2)).sort(),
    );
  });
});

describe('the README’s CLI table and docs/cli.md', () => {
  it('are what npm run docs:cli makes from the command definitions', () => {
    const run = spawnSync(process.execPath, ['scripts/cli-docs.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
