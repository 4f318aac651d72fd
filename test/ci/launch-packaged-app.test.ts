/**
 * scripts/launch-packaged-app.mjs, the workflow's "does the package start at all" check, run as a
 * real child process against stand-in app bundles whose executable is a small Node script: one
 * that behaves as the app does (prints its menu-bar verdict, stops cleanly on SIGTERM), and one
 * that dies at once, as an arm64 binary with a broken signature is killed before printing anything.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'launch-packaged-app.mjs');
const dir = mkdtempSync(join(tmpdir(), `apsd-watch-launch-test-${process.pid}-`));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function standInApp(name: string, body: string): string {
  const app = join(dir, name, 'apsd-watch.app');
  mkdirSync(join(app, 'Contents', 'MacOS'), { recursive: true });
  const binary = join(app, 'Contents', 'MacOS', 'apsd-watch');
  writeFileSync(binary, `#!${process.execPath}\n${body}\n`);
  chmodSync(binary, 0o755);
  return app;
}

function launch(app: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, app], { timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
    );
  });
}

describe('scripts/launch-packaged-app.mjs', () => {
  it('passes an app that reports its menu-bar item and quits cleanly on SIGTERM', async () => {
    const app = standInApp(
      'good',
      [
        "if (!process.argv.some((a) => a.startsWith('--data-dir='))) process.exit(3);",
        "console.info('apsd-watch: menu-bar item shown at 1200,0 (24x24)');",
        "process.on('SIGTERM', () => { console.info('apsd-watch: engine stopped, quitting'); process.exit(0); });",
        'setInterval(() => undefined, 1000);',
      ].join('\n'),
    );
    const { code, out } = await launch(app);
    expect(out).toContain('started (apsd-watch: menu-bar item shown at) and quit cleanly');
    expect(code).toBe(0);
  });

  it('fails an app that is killed before it prints anything, saying why', async () => {
    const app = standInApp('killed', "process.kill(process.pid, 'SIGKILL');");
    const { code, out } = await launch(app);
    expect(code).toBe(1);
    expect(out).toMatch(/no menu-bar verdict/);
    expect(out).toMatch(/exited with SIGKILL/);
  });

  it('fails an app that does not stop cleanly', async () => {
    const app = standInApp(
      'unclean',
      [
        "console.info('apsd-watch: menu-bar item hidden (the menu-bar item has no size)');",
        "process.on('SIGTERM', () => process.exit(1));",
        'setInterval(() => undefined, 1000);',
      ].join('\n'),
    );
    const { code, out } = await launch(app);
    expect(code).toBe(1);
    expect(out).toContain('never printed "apsd-watch: engine stopped, quitting"');
    expect(out).toContain('exited with 1');
  });
});
