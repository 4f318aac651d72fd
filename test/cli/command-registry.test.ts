/**
 * The command registry names every command once and loads its module only when it runs; the built
 * CLI's entry chunk must stay free of the heavy runtime dependencies, or `--version` pays for them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands';
import { runCliCaptured } from '../support/cli-harness';

const BUILT_ENTRY = fileURLToPath(new URL('../../out/cli/apsd-watch.mjs', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/apsd-watch.mjs', import.meta.url));

describe('the command registry', () => {
  it('has unique names, and every entry loads a module with flags and a run function', async () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of commands) {
      const command = await entry.load();
      expect(typeof command.run, entry.name).toBe('function');
      expect(command.flags, entry.name).toBeTypeOf('object');
      expect(entry.summary.length, entry.name).toBeLessThanOrEqual(78);
    }
  });

  it('lists every command with its summary in the top-level help', async () => {
    const { code, out } = await runCliCaptured(['--help']);
    expect(code).toBe(0);
    for (const entry of commands)
      expect(out).toMatch(new RegExp(`^  ${entry.name} +${escape(entry.summary)}$`, 'm'));
  });

  it("puts the registry's summary in each command's own help", async () => {
    for (const entry of commands) {
      const { code, out } = await runCliCaptured([entry.name, '--help']);
      expect(code, entry.name).toBe(0);
      expect(out.split('\n')[0]).toMatch(new RegExp(`^Usage: apsd-watch ${entry.name}\\b`));
      expect(out).toContain(entry.summary);
    }
  });
});

describe.runIf(existsSync(BUILT_ENTRY))('the built CLI (after npm run build)', () => {
  it('keeps systeminformation, zod and ws out of the chunks that --version and --help load', () => {
    const loaded = staticallyLoaded(BUILT_ENTRY);
    expect(loaded.size).toBeGreaterThan(1);
    // Bundled dependencies (zod) leave no import behind, so the size says it too.
    const bytes = [...loaded.values()].reduce((sum, text) => sum + text.length, 0);
    expect(bytes).toBeLessThan(32 * 1024);
    for (const [file, text] of loaded)
      for (const heavy of ['systeminformation', 'zod', 'ws'])
        expect(text.includes(`from "${heavy}"`), `${heavy} in ${file}`).toBe(false);
  });

  it('prints the version from the installed launcher', () => {
    const out = execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(out.trim()).toBe(
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
    );
  });
});

/** The file and every chunk it imports statically, transitively: what loads before any command runs. */
function staticallyLoaded(file: string, seen = new Map<string, string>()): Map<string, string> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, 'utf8');
  seen.set(file, text);
  for (const match of text.matchAll(/^import\s[^;]*?from\s+"(\.[^"]+)"/gms))
    staticallyLoaded(fileURLToPath(new URL(match[1]!, `file://${file}`)), seen);
  return seen;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
