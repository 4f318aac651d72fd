/**
 * The menu-bar app end to end: launches the real Electron app from the unpacked build (out/main;
 * the packaged app's fuses turn off the inspector Playwright attaches through), checks it has no
 * Dock icon and a menu-bar item, shows the popover and waits for a verdict, checks the page's
 * locks live (CSP, no new windows, no navigation away), has windows that are not the
 * app's call the IPC bridge (refused), and quits it the way the menu does (exit 0, no child left). It runs only where the Electron binary is already installed (`npm run
 * electron:fetch`, as the macOS CI job does): this spec never triggers the download.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinaryInstalled } from '../test/support/electron-binary';
import { childPids, isAlive } from '../test/support/processes';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function skipReason(): string | null {
  if (!electronBinaryInstalled(root)) {
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
  test.info().skip(reason !== null, reason ?? '');

  const dataDir = mkdtempSync(join(tmpdir(), 'apsd-watch-e2e-'));
  const app = await electron.launch({ args: [root, `--data-dir=${dataDir}`] });
  const main = app.process();
  let output = '';
  main.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  main.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    main.once('exit', (code, signal) => resolve({ code, signal })),
  );
  try {
    if (process.platform === 'darwin') {
      // A menu-bar agent: no Dock icon, and a status item macOS placed on screen (2 s after start
      // the app measures it, and says so, or opens its fallback window when macOS hid it).
      await expect
        .poll(() => app.evaluate(({ app: electronApp }) => electronApp.dock?.isVisible()))
        .toBe(false);
      await expect
        .poll(() => output, { timeout: 15_000 })
        .toMatch(/apsd-watch: menu-bar item shown at -?\d+,-?\d+ \([1-9]\d*x[1-9]\d*\)/);
    }
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

    // The locks the page relies on, live: the CSP against an injected inline script, new windows
    // and navigation away denied.
    const locks = await popover.evaluate(async () => {
      type Page = {
        document: {
          createElement(tag: 'script'): { textContent: string };
          head: { append(node: unknown): void };
        };
        open(url: string): unknown;
        location: { href: string };
        inlineScriptRan?: boolean;
      };
      const page = globalThis as unknown as Page;
      const script = page.document.createElement('script');
      script.textContent = 'globalThis.inlineScriptRan = true';
      page.document.head.append(script);
      const opened = page.open('https://example.com/');
      page.location.href = 'https://example.com/';
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { inline: page.inlineScriptRan === true, opened: opened !== null };
    });
    expect(locks).toEqual({ inline: false, opened: false });
    await expect(popover).toHaveURL('apsd-watch://bundle/index.html');

    // Windows that are not the app's, given the same preload: one on a foreign page, one even on
    // the app's own page. Both bridges exist, and the main process refuses both senders.
    const foreign = await app.evaluate(
      async ({ BrowserWindow }, { preload, index }) => {
        const call = async (url: string) => {
          const window = new BrowserWindow({
            show: false,
            webPreferences: { preload, sandbox: true, contextIsolation: true },
          });
          try {
            await window.loadURL(url);
            return (await window.webContents.executeJavaScript(
              "globalThis.apsdWatch.invoke('snapshot:get').then(() => 'resolved', (e) => e.message)",
            )) as string;
          } finally {
            window.destroy();
          }
        };
        return {
          page: await call('data:text/html,<title>foreign</title>'),
          ours: await call(index),
        };
      },
      {
        preload: join(root, 'out', 'preload', 'index.cjs'),
        index: 'apsd-watch://bundle/index.html',
      },
    );
    const refused = "snapshot:get: refused, the request did not come from apsd-watch's window";
    expect(foreign).toEqual({ page: refused, ours: refused });

    // Quit as the menu's Quit does: the engine stops its children, the app exits 0.
    const children = childPids(main.pid!);
    await app.evaluate(({ app: electronApp }) => void setTimeout(() => electronApp.quit(), 10));
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).toContain('apsd-watch: engine stopped, quitting');
    await expect.poll(() => children.filter(isAlive), { timeout: 10_000 }).toEqual([]);
  } finally {
    await app.close().catch(() => undefined); // already gone when the quit above worked
    rmSync(dataDir, { recursive: true, force: true });
  }
});
