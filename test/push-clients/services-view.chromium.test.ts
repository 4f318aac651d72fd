/**
 * The popover's Services view in real Chromium, through the real dashboard: `apsd-watch serve`
 * with the engine reading the stand-in apsctl (a child process), the renderer bundle served from
 * a folder. It shows each service connected or not, a topic not in the table as it is, "not
 * read" (never an empty list) when apsctl fails, and no byte of a token anywhere on the page.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { fixturePath } from '../support/fixtures';
import { startServe, type ServeRun } from '../support/serve-harness';

const TOKEN_GROUPS = ['7e1d2c3b', '4a596877', '8695a4b3', 'c2d1e0ff'];

let base: string;
let env: NodeJS.ProcessEnv;
let browser: Browser;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), `apsd-services-view-${process.pid}-`));
  const rendererDir = join(base, 'renderer');
  const root = fileURLToPath(new URL('../../src/renderer/', import.meta.url));
  // The popover's bundle, built by Vite into a folder the dashboard serves, as `npm run build` does.
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'silent',
    plugins: [react()],
    build: { outDir: rendererDir, emptyOutDir: true },
  });
  const assembled = await readFile(fixturePath('apsctl/status-assembled.txt'), 'utf8');
  const withToken = assembled.replace(
    /token: Yes, \{[^}]*\}/,
    `token: Yes, {length = 32, bytes = 0x${TOKEN_GROUPS.join(' ')}}\n            ${TOKEN_GROUPS.join('')}`,
  );
  await writeFile(join(base, 'status.txt'), withToken);
  await writeFile(join(base, 'empty.log'), '');
  // The stand-in is a child of this process and reads its settings from this process's env.
  process.env.FAKE_APSCTL_FIXTURE = join(base, 'status.txt');
  env = {
    APSD_WATCH_RENDERER_DIR: rendererDir,
    APSD_WATCH_APSCTL: fixturePath('bin/fake-apsctl'),
    PATH: process.env.PATH,
  };
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}, 120_000);

afterAll(async () => {
  delete process.env.FAKE_APSCTL_FIXTURE;
  delete process.env.FAKE_APSCTL_MODE;
  await browser?.close();
  await rm(base, { recursive: true, force: true });
});

async function openServices(dataDir: string): Promise<{ serve: ServeRun; page: Page }> {
  const serve = startServe(join(base, dataDir), ['--log-file', join(base, 'empty.log')], env);
  const url = await serve.printedUrl;
  const page = await (
    await browser.newContext({ viewport: { width: 380, height: 560 } })
  ).newPage();
  await page.goto(url);
  await page.getByRole('tab', { name: 'Services' }).click();
  return { serve, page };
}

async function stop(serve: ServeRun, page: Page): Promise<void> {
  await page.context().close();
  serve.stop();
  expect(await serve.exit).toBe(0);
}

describe('the Services view through the dashboard', { timeout: 90_000 }, () => {
  it('lists each service, connected or not, with a topic not in the table shown as it is', async () => {
    const { serve, page } = await openServices('data-ok');
    const rows = page.getByTestId('service-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(7);
    expect(await page.getByTestId('service-name').allInnerTexts()).toEqual([
      'Device management (device channel)',
      'Device management (user channel)',
      'iMessage',
      'FaceTime',
      'Text Message Forwarding',
      'iCloud (CloudKit) for an app',
      'com.example.chatapp (not in the table)',
    ]);
    const userChannel = rows.nth(1);
    expect(await userChannel.getAttribute('data-connected')).toBe('false');
    expect(await userChannel.getByTestId('service-status').innerText()).toBe('not connected');
    expect(await userChannel.getAttribute('title')).toContain(
      'com.apple.mgmt.External.5C1D8E6A-2B7F-4A11-9C3D-0E4F5A6B7C8D (client com.apple.aps.mdmclient.agent.push.production: Not connected to service)',
    );
    expect(await rows.nth(2).getByTestId('service-last-push').innerText()).toMatch(/ ago$/);
    expect(await page.getByTestId('services-courier').innerText()).toBe(
      'Courier: production: connected to 22-courier.push.apple.com; development: not connected',
    );
    const html = (await page.content()).toLowerCase();
    for (const group of TOKEN_GROUPS) expect(html).not.toContain(group);
    await stop(serve, page);
  });

  it('says "not read" with the reason when apsctl fails, never an empty list', async () => {
    process.env.FAKE_APSCTL_MODE = 'fail';
    try {
      const { serve, page } = await openServices('data-failed');
      const notRead = page.getByTestId('services-not-read');
      await expect
        .poll(() => notRead.getAttribute('data-status'), { timeout: 20_000 })
        .toBe('failed');
      expect(await notRead.innerText()).toMatch(
        /^Push clients not read \(failed: .*fake-apsctl status: exited with 1: apsctl: could not connect to apsd\)$/,
      );
      expect(await page.getByTestId('service-row').count()).toBe(0);
      await stop(serve, page);
    } finally {
      delete process.env.FAKE_APSCTL_MODE;
    }
  });
});
