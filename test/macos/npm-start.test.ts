/**
 * The README's main command on a real Mac: `npm start` starts the menu-bar app, which puts its
 * item in the menu bar, and Ctrl-C in that terminal (SIGINT to the whole process group) quits it
 * the normal way: the engine stops, every process of the group exits, npm exits 0. `--skipBuild`
 * keeps electron-vite from rebuilding out/ under the other tests (the build is `npm test`'s own
 * step); the data directory is a temporary one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinaryInstalled } from '../support/electron-binary';
import { ON_MAC, onMacOnly } from '../support/mac-only';
import { groupAlive } from '../support/processes';

const ROOT = join(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const runnable = onMacOnly('`npm start` (the menu-bar app)') && electronBinaryInstalled(ROOT);
if (ON_MAC && !runnable)
  console.info('skipped: `npm start` needs the Electron binary: run `npm run electron:fetch`');

describe.runIf(runnable)('npm start', () => {
  it('starts the menu-bar app and quits on Ctrl-C', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'apsd-watch-npm-start-'));
    const child = spawn('npm', ['start', '--', '--skipBuild', '--', `--data-dir=${dataDir}`], {
      cwd: ROOT,
      detached: true, // its own process group, as a terminal's foreground job
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const pgid = child.pid!;
    try {
      for (let waited = 0; !/menu-bar item (shown|hidden)/.test(output); waited += 250) {
        if (waited > 90_000 || child.exitCode !== null)
          throw new Error(`npm start did not show the menu-bar item:\n${output.slice(-2000)}`);
        await sleep(250);
      }
      expect(output).toMatch(/apsd-watch: menu-bar item shown at/);

      process.kill(-pgid, 'SIGINT');
      const result = await Promise.race([exited, sleep(30_000).then(() => 'still running')]);
      expect(result, output.slice(-2000)).toEqual({ code: 0, signal: null });
      expect(output).toContain('apsd-watch: engine stopped, quitting');
      for (let waited = 0; groupAlive(pgid) && waited < 10_000; waited += 250) await sleep(250);
      expect(groupAlive(pgid)).toBe(false);
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
