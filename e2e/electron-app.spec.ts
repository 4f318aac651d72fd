/**
 * The menu-bar app end to end: launches the real Electron app from the unpacked build (out/main;
 * the packaged app's fuses turn off the inspector Playwright attaches through), shows the popover
 * and waits for a verdict. It runs only where the Electron binary is already installed: the
 * electron package fetches it on first use, and this spec never triggers that.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Mirrors node_modules/electron/index.js without requiring it (requiring it starts a download). */
function electronBinaryInstalled(): boolean {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const relative = readFileSync(pathFile, 'utf8');
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  return existsSync(join(dist, relative));
}

function skipReason(): string | null {
  if (!electronBinaryInstalled()) {
    return 'skipped: the Electron binary is not installed here (node_modules/electron has no dist/)';
  }
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    return 'skipped: out/main/index.js is missing; run `npm run build` first';
  }
  if (process.platform !== 'darwin' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'skipped: needs macOS or a display for the tray and the popover';
  }
  return null;
}

type Bridge = { invoke(channel: string, ...args: unknown[]): Promise<unknown> };

test('the menu-bar popover loads from the app bundle and shows a verdict', async () => {
  const reason = skipReason();
  if (reason) console.info(reason);
  test.skip(reason !== null, reason ?? '');

  const dataDir = mkdtempSync(join(tmpdir(), 'apsd-watch-e2e-'));
  const app = await electron.launch({ args: [root, `--data-dir=${dataDir}`] });
  try {
    const popover = await app.firstWindow();
    await expect(popover).toHaveURL('apsd-watch://bundle/index.html');

    // Snapshots are pushed only while the popover is on screen, as when the tray item is clicked.
    await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows().find((w) =>
        w.webContents.getURL().startsWith('apsd-watch://'),
      );
      window?.show();
    });
    await expect(popover.getByTestId('verdict-headline')).not.toBeEmpty({ timeout: 30_000 });
    await expect(popover.getByTestId('verdict')).toHaveAttribute(
      'data-level',
      /^(ok|watch|alert)$/,
    );

    // The page has the two-method bridge and no Node.
    const surface = await popover.evaluate(() => {
      const page = globalThis as unknown as Record<string, unknown>;
      return { bridge: Object.keys(page.apsdWatch as object).sort(), require: typeof page.require };
    });
    expect(surface).toEqual({ bridge: ['invoke', 'on'], require: 'undefined' });

    // Refusals come back as one-line errors through the real IPC path.
    const refusals = await popover.evaluate(async () => {
      const bridge = (globalThis as unknown as { apsdWatch: Bridge }).apsdWatch;
      const message = (call: Promise<unknown>) =>
        call.then(
          () => 'resolved',
          (error: Error) => error.message,
        );
      return {
        link: await message(bridge.invoke('link:open', 'https://example.com/')),
        args: await message(bridge.invoke('history:get', '2h')),
        channel: await message(bridge.invoke('engine:stop')),
      };
    });
    expect(refusals.link).toMatch(/^link:open: refused/);
    expect(refusals.args).toMatch(/^history:get: invalid argument/);
    expect(refusals.channel).toBe('engine:stop: unknown channel');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
