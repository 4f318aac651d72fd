/**
 * The browser dashboard end to end: the built CLI's `serve` as a child process, watching real
 * loopback sockets and a syslog file, in Debian's Chromium. Screenshots go to test-results/, or to
 * the README's e2e/screenshots/ when `npm run screenshots` asks (a test never rewrites tracked files).
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import {
  CALM_ESTABLISHED,
  CALM_FIN_WAIT_1,
  startLiveDashboard,
  type LiveDashboard,
} from './support/live-dashboard';

const SPIKE_SOCKETS = 50;
const SCREENSHOTS = process.env.APSD_WATCH_SCREENSHOTS
  ? resolve(process.env.APSD_WATCH_SCREENSHOTS)
  : fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

test.describe.configure({ mode: 'serial' });

let live: LiveDashboard;
test.beforeAll(async () => {
  live = await startLiveDashboard();
});
test.afterAll(async () => {
  await live?.close();
});

/** Opens the printed URL; returns what the page's CSP refused (e.g. the socket), which must stay empty. */
async function signIn(page: Page): Promise<string[]> {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('Refused to') && text.includes('Content Security Policy'))
      cspViolations.push(text);
  });
  await page.goto(live.serve.url);
  await expect(page).toHaveURL(`${live.serve.origin}/`);
  return cspViolations;
}

async function screenshots(page: Page, state: 'calm' | 'spiking'): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({
      path: join(SCREENSHOTS, `popover-${state}-${colorScheme}.png`),
      animations: 'disabled',
    });
  }
  await page.emulateMedia({ colorScheme: null });
}

test('signs in with the printed URL and shows the live counts', async ({ page, context }) => {
  const cspViolations = await signIn(page);
  await expect(page.getByTestId('fin-wait-1-count')).toHaveText(String(CALM_FIN_WAIT_1));
  await expect(page.getByTestId('established-count')).toHaveText(String(CALM_ESTABLISHED));
  await expect(page.getByTestId('verdict-level')).not.toHaveAttribute('data-level', 'waiting');
  await expect(page.getByTestId('connection-status')).toHaveCount(0);

  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(cookie?.value).toBe(live.serve.token);
  expect(await page.evaluate('document.cookie')).toBe('');
  expect(cspViolations).toEqual([]);
  await screenshots(page, 'calm');
});

test('a settings change persists across a reload', async ({ page }) => {
  await signIn(page);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const minCount = page.getByLabel('Never alert below (FIN_WAIT_1 sockets)');
  await minCount.fill('10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('settings-status')).toHaveText('Saved and applied.');

  await page.reload();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByLabel('Never alert below (FIN_WAIT_1 sockets)')).toHaveValue('10');
  expect(await live.observer.invoke('settings:get')).toMatchObject({ spike: { minCount: 10 } });
});

test(`${SPIKE_SOCKETS} more FIN_WAIT_1 sockets raise the count and fire exactly one spike notification`, async ({
  page,
}) => {
  // A known threshold: minCount 10 (set above) and the learned calm baseline, well under 3 + 50.
  await live.observer.invoke('settings:set', { spike: { minCount: 10, sensitivity: 'normal' } });
  const calm = await live.observer.waitForSnapshot(
    (s) => !s.spike.active && s.spike.threshold < CALM_FIN_WAIT_1 + SPIKE_SOCKETS,
  );
  expect(calm.connections.finWait1.count).toBe(CALM_FIN_WAIT_1);
  const spikesBefore = live.observer.notifications.filter((n) => n.kind === 'spike').length;
  expect(spikesBefore).toBe(0);

  await signIn(page);
  await live.addFinWait1(SPIKE_SOCKETS);
  const total = String(CALM_FIN_WAIT_1 + SPIKE_SOCKETS);
  await expect(page.getByTestId('fin-wait-1-count')).toHaveText(total, { timeout: 20_000 });
  await expect(page.getByTestId('spike-active')).toBeVisible({ timeout: 20_000 });
  const shown = page.locator('[data-testid="notification"][data-kind="spike"]');
  await expect(shown).toHaveCount(1);

  // The episode goes on for several more samples: still exactly one notification.
  await live.observer.waitForSnapshot((s) => s.spike.active);
  const later = await live.observer.nextSnapshots(3);
  expect(later.map((s) => s.spike.active)).toEqual([true, true, true]);
  expect(live.observer.notifications.filter((n) => n.kind === 'spike')).toHaveLength(1);
  await expect(shown).toHaveCount(1);
  await screenshots(page, 'spiking');
});

test('a trust-failure line in the log shows as serious, a leaf-certificate line as benign', async ({
  page,
}) => {
  await signIn(page);
  await live.appendApsdLine('Unrecognized leaf certificate');
  await live.appendApsdLine(
    'Failed to evaluate trust: No error. (0), result=5; retrying with system roots',
  );
  await expect(
    page.locator('[data-testid="notification"][data-kind="trust-failure"]'),
  ).toHaveAttribute('role', 'alert', { timeout: 20_000 });
  await page.getByRole('tab', { name: /^Warnings/ }).click();
  const trust = page.getByTestId('log-kind-trust-failure');
  await expect(trust).toHaveAttribute('data-count', '1');
  await expect(trust).toHaveAttribute('data-severity', 'serious');
  await expect(page.getByTestId('log-kind-leaf-certificate')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('log-kind-leaf-certificate')).toHaveAttribute(
    'data-severity',
    'benign',
  );
  const line = page.locator('[data-testid="log-line"][data-kind="trust-failure"]');
  await expect(line).toHaveAttribute('data-severity', 'serious');
  await expect(line).toContainText('Failed to evaluate trust');
});

test('the explainer opens from the overview', async ({ page }) => {
  await signIn(page);
  await page.getByRole('button', { name: 'What is apsd, and is this normal?' }).click();
  const explainer = page.getByTestId('explainer');
  await expect(explainer.getByRole('heading', { name: 'What is apsd?' })).toBeVisible();
  const first = explainer.getByTestId('explainer-section').first();
  await first.locator('summary').click();
  await expect(first).toHaveAttribute('open', '');
  await expect(first.locator('.explainer-answer').first()).toBeVisible();
});
