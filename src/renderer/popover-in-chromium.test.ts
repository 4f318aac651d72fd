/**
 * The popover's bundle in real Chromium, against the dashboard frames: CSP, the 10,000-row table
 * (pushed its first rows, the rest fetched by page as the server would answer), keyboard tabs, the link banner, notifications, settings, explainer, probe and report.
 */
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestFrame } from '../shared/dashboard-protocol';
import type { ProbeResult } from '../shared/probe';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import type { History } from '../shared/snapshot';
import {
  PUSHED_ROWS,
  queryConnections,
  viewSnapshot,
  type ConnectionsQuery,
} from '../shared/connection-query';
import { makeConnections, makeSnapshot } from '../../test/support/snapshot-fixture';
import {
  buildBundle,
  launchChromium,
  openPopover,
  type Bundle,
} from '../../test/support/popover-page';

const browser: Browser = await launchChromium();
let bundle: Bundle;

/** 10,000 apsd sockets at `takenAt`: the push link, then FIN_WAIT_1 sockets, each older. */
const bigSnapshot = (takenAt: string) =>
  makeSnapshot({ takenAt, connections: { items: makeConnections(10_000, takenAt) } });

const big = bigSnapshot('2026-03-12T14:02:09.000Z');
const history: History = {
  range: '1h',
  points: [0, 1, 2, 3].map((i) => ({
    t: Date.parse(big.takenAt) - (3 - i) * 60_000,
    finWait1: i === 3 ? 400 : 10,
    established: 1,
    total: 11,
    sendQueueBytes: 0,
  })),
  markers: [{ t: Date.parse(big.takenAt) - 30_000, kind: 'trust-failure', count: 1 }],
};
const probe: ProbeResult = {
  host: '1-courier.push.apple.com',
  port: 5223,
  servername: 'courier.push.apple.com',
  at: big.takenAt,
  verdict: {
    kind: 'apple-chain-generic-leaf',
    headline: 'Apple chain, generic leaf',
    reasons: ['The leaf names courier.push.apple.com'],
  },
  chain: [
    {
      subject: 'CN=courier.push.apple.com, O=Apple Inc.',
      issuer: 'CN=Apple Public Server RSA CA 12 - G1',
      sans: ['courier.push.apple.com'],
      sha256: 'AA:BB',
      validFrom: '2025-09-01T00:00:00Z',
      validTo: '2026-09-01T00:00:00Z',
      keyUsage: [],
      appleMarker: 'leaf',
    },
  ],
  chainVerified: true,
  verifyError: null,
  alpn: 'apns-security-v3',
  protocol: 'TLSv1.3',
};

/** Answers like the dashboard server would; `settings` is kept so a save is visible. */
function engineLike(
  overrides: Partial<Record<RequestFrame['channel'], (args: unknown[]) => unknown>> = {},
) {
  let settings: Settings = DEFAULT_SETTINGS;
  return (request: RequestFrame): unknown => {
    const override = overrides[request.channel];
    if (override) return override(request.args);
    switch (request.channel) {
      case 'snapshot:get':
        return viewSnapshot(big);
      case 'connections:page':
        return queryConnections(big, request.args[0] as ConnectionsQuery);
      case 'history:get':
        return { ...history, range: request.args[0] };
      case 'settings:get':
        return settings;
      case 'settings:set':
        settings = { ...settings, ...(request.args[0] as Partial<Settings>) };
        return settings;
      case 'probe:run':
        return probe;
      case 'report:get':
        return '# apsd-watch report';
      case 'host:notices':
        return [];
      default:
        throw new Error(`${request.channel}: refused`);
    }
  };
}

// Vite builds the whole renderer: on a busy machine that takes longer than the default hook timeout.
beforeAll(async () => {
  bundle = await buildBundle();
}, 120_000);
afterAll(() => browser.close());

describe('the popover in Chromium', () => {
  const open = (answer = engineLike(), options = {}) =>
    openPopover(browser, bundle, answer, options);

  it('renders every tab, chart included, without a CSP violation, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, violations } = await open(engineLike(), { colorScheme });
      await page.waitForFunction(() => document.documentElement.dataset.snapshotAt);
      for (const name of [
        'Overview',
        'History',
        'Connections',
        'Warnings',
        'What is apsd?',
        'Settings',
      ]) {
        await page.getByRole('tab', { name, exact: true }).click();
        await expect
          .poll(() => page.getByRole('tab', { selected: true }).getAttribute('id'))
          .toMatch(/^tab-/);
      }
      await page.getByRole('tab', { name: 'History' }).click();
      await page.locator('[data-testid=history-chart] canvas').waitFor();
      expect(await violations()).toEqual([]);
      await page.context().close();
    }
  });

  it('keeps a small window of the 10,000 rows in the DOM, pages to the last, and filters', async () => {
    const popover = await open();
    const { page } = popover;
    const pageQueries = () =>
      popover.requests
        .filter((r) => r.channel === 'connections:page')
        .map((r) => r.args[0] as ConnectionsQuery);
    await page.getByRole('tab', { name: 'Connections' }).click();
    await expect
      .poll(() => page.getByTestId('connection-count').textContent())
      .toBe('10,000 sockets');
    const rendered = await page.getByTestId('connection-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    await page.locator('.table-body').evaluate((body) => body.scrollTo(0, body.scrollHeight));
    // Oldest first, so the youngest socket (the fixture's ESTABLISHED one, index 0) comes last.
    await expect
      .poll(() => page.getByTestId('connection-row').last().getAttribute('data-state'))
      .toBe('ESTABLISHED');
    // Only the snapshot's first rows were pushed: the last came by page, and no page was large.
    expect(pageQueries().some((q) => q.state === 'all' && q.offset + q.limit >= 10_000)).toBe(true);
    expect(Math.max(...pageQueries().map((q) => q.limit))).toBeLessThanOrEqual(500);
    expect(await page.getByTestId('connection-row').count()).toBeLessThan(60);
    await page.getByTestId('state-filter').selectOption('FIN_WAIT_1');
    await expect
      .poll(() => page.getByTestId('connection-count').textContent())
      .toBe('9,999 of 10,000');
    await expect.poll(() => page.locator('.table-body [aria-busy=true]').count()).toBe(0);
    expect(pageQueries().some((q) => q.state === 'FIN_WAIT_1')).toBe(true);
    const states = await page
      .getByTestId('connection-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state')));
    expect(new Set(states)).toEqual(new Set(['FIN_WAIT_1']));
    await page.context().close();
  });

  it('asks for the visible rows again when a new snapshot arrives, and says when it cannot', async () => {
    let serving = big;
    let failing = false;
    const popover = await open(
      engineLike({
        'connections:page': (args) => {
          if (failing) throw new Error('connections:page: engine stopping');
          return queryConnections(serving, args[0] as ConnectionsQuery);
        },
      }),
    );
    const { page } = popover;
    await page.getByRole('tab', { name: 'Connections' }).click();
    const firstPeer = () =>
      page.getByTestId('connection-row').first().locator('.col-peer').textContent();
    await expect.poll(firstPeer).toBe(big.connections.items.at(-1)?.peer);
    const next = bigSnapshot('2026-03-12T14:02:19.000Z');
    next.connections.items[9_999]!.peer = '17.57.250.1:5223';
    serving = next;
    popover.push('snapshot', viewSnapshot(next));
    await expect.poll(firstPeer).toBe('17.57.250.1:5223');
    expect(viewSnapshot(next).connections.items).toHaveLength(PUSHED_ROWS);

    failing = true;
    await page.getByTestId('state-filter').selectOption('FIN_WAIT_1');
    await expect
      .poll(() => page.getByTestId('connections-error').textContent())
      .toBe('Rows could not be fetched: connections:page: engine stopping');
    expect(await page.locator('.table-body [aria-busy=true]').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('marks each committed snapshot on the document and shows its figures', async () => {
    const popover = await open();
    await popover.page.waitForFunction(() => document.documentElement.dataset.snapshotAt);
    const next = bigSnapshot('2026-03-12T14:02:19.000Z');
    next.connections.finWait1.count = 12_345;
    popover.push('snapshot', viewSnapshot(next));
    await popover.page.waitForFunction(
      (at) => document.documentElement.dataset.snapshotAt === at,
      next.takenAt,
    );
    expect(await popover.page.getByTestId('fin-wait-1-count').textContent()).toBe('12,345');
    await popover.page.context().close();
  });

  it('says "not read" for log kinds when no log line was read, never a table of zeros', async () => {
    const popover = await open();
    await popover.page.waitForFunction(() => document.documentElement.dataset.snapshotAt);
    const unread = bigSnapshot('2026-03-12T14:02:29.000Z');
    unread.source.logs = {
      status: 'unavailable',
      from: 'none',
      linesRead: 0,
      detail: 'no log tool',
    };
    popover.push('snapshot', viewSnapshot(unread));
    await popover.page.waitForFunction(
      (at) => document.documentElement.dataset.snapshotAt === at,
      unread.takenAt,
    );
    await popover.page.getByRole('tab', { name: /^Warnings/ }).click();
    const trust = popover.page.getByTestId('log-kind-trust-failure');
    await expect.poll(() => trust.getAttribute('data-read')).toBe('false');
    expect(await trust.locator('.kind-count').textContent()).toBe('not read');
    expect(await popover.page.getByTestId('log-kind-not-read').textContent()).toBe(
      'Not read: no log tool. Trust failures cannot be ruled out.',
    );
    await popover.page.context().close();
  });

  it('moves through the tabs with the arrow keys, Home and End', async () => {
    const { page } = await open();
    await page.getByRole('tab', { name: 'Overview' }).focus();
    const selected = () => page.getByRole('tab', { selected: true }).getAttribute('id');
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('tab-history');
    await page.keyboard.press('End');
    expect(await selected()).toBe('tab-settings');
    await page.keyboard.press('ArrowRight');
    expect(await selected()).toBe('tab-overview');
    await page.keyboard.press('ArrowLeft');
    expect(await selected()).toBe('tab-settings');
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-overview');
    await page.context().close();
  });

  it('shows a dropped link, reconnects by itself and fetches the snapshot again', async () => {
    const popover = await open();
    await popover.page.waitForFunction(() => document.documentElement.dataset.snapshotAt);
    popover.dropSocket();
    const banner = popover.page.getByTestId('connection-status');
    await expect.poll(() => banner.getAttribute('data-state')).toBe('disconnected');
    expect(await banner.textContent()).toContain('Disconnected');
    await banner.waitFor({ state: 'detached' });
    expect(popover.requests.filter((r) => r.channel === 'snapshot:get').length).toBe(2);
    await popover.page.context().close();
  });

  it('shows pushed notifications, lets them be dismissed and keeps them under Warnings', async () => {
    const popover = await open();
    await popover.page.waitForFunction(() => document.documentElement.dataset.snapshotAt);
    popover.push('notification', {
      id: 'n1',
      kind: 'trust-failure',
      at: big.takenAt,
      title: 'Trust failure',
      body: 'possible interception',
    });
    const note = popover.page.getByTestId('notification');
    await note.waitFor();
    expect(await note.getAttribute('role')).toBe('alert');
    await popover.page.getByRole('button', { name: 'Dismiss: Trust failure' }).click();
    await note.waitFor({ state: 'detached' });
    await popover.page.getByRole('tab', { name: /^Warnings/ }).click();
    expect(await popover.page.getByTestId('notification-log-item').textContent()).toContain(
      'Trust failure',
    );
    await popover.page.context().close();
  });

  it('validates settings inline, shows the engine refusing, and sends only what changed', async () => {
    let refuse = true;
    const popover = await open(
      engineLike({
        'settings:set': (args) => {
          if (refuse) throw new Error('settings:set: not now');
          return { ...DEFAULT_SETTINGS, ...(args[0] as object) };
        },
      }),
    );
    const { page } = popover;
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Peer ports').fill('5223, 99999');
    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await page.getByTestId('setting-peerPorts-error').textContent()).toBe(
      '“99999” is not a port (1-65535).',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setting-peerPorts');
    // The shared schema's own range parser (ipaddr.js) and wording, running in the page.
    await page.getByLabel('Peer ports').fill('5223');
    await page.getByLabel('Peer address ranges (CIDR)').fill('17.0.0.0/8\n017.0.0.0/8');
    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await page.getByTestId('setting-peerCidrs-error').textContent()).toBe(
      '“017.0.0.0/8” is not an address range such as 17.0.0.0/8 or 2620:149:a44::/48.',
    );
    expect(popover.requests.filter((r) => r.channel === 'settings:set')).toEqual([]);
    await page
      .getByLabel('Peer address ranges (CIDR)')
      .fill(DEFAULT_SETTINGS.rules.peerCidrs.join('\n'));
    await page.getByLabel('Sample every (seconds)').fill('30');
    await page.getByRole('button', { name: 'Apply' }).click();
    expect(await page.getByTestId('settings-error').textContent()).toBe(
      'Not saved: settings:set: not now',
    );
    refuse = false;
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() => page.getByTestId('settings-status').textContent())
      .toBe('Saved and applied.');
    const sets = popover.requests.filter((r) => r.channel === 'settings:set');
    expect(sets.at(-1)?.args).toEqual([{ intervalSeconds: 30 }]);
    await page.context().close();
  });

  it('says what macOS refused, in the popover and in Settings, asked again after a save', async () => {
    let launchAtLogin = false;
    const notices = () => [
      {
        topic: 'notifications',
        text: 'System notifications are off (macOS said: not allowed); unsigned builds cannot show them. Alerts show here and on the icon.',
      },
      ...(launchAtLogin
        ? [
            {
              topic: 'login-item',
              text: 'Launch at login needs your approval in System Settings > General > Login Items.',
            },
          ]
        : []),
    ];
    const popover = await open(
      engineLike({
        'host:notices': notices,
        'settings:set': (args) => {
          launchAtLogin = (args[0] as Partial<Settings>).launchAtLogin ?? launchAtLogin;
          return { ...DEFAULT_SETTINGS, launchAtLogin };
        },
      }),
    );
    const { page } = popover;
    await expect
      .poll(() => page.getByTestId('host-notices').textContent())
      .toBe(notices()[0]!.text);
    await page.getByRole('tab', { name: 'Settings' }).click();
    await expect.poll(() => page.getByTestId('host-notices').count()).toBe(1);
    await page.getByLabel('Open at login').check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(() =>
        page.locator('[data-testid="host-notices"] p[data-topic="login-item"]').textContent(),
      )
      .toBe('Launch at login needs your approval in System Settings > General > Login Items.');
    await page.context().close();
  });

  it('opens explainer sections, copies a command, runs the probe and copies the report', async () => {
    const popover = await open(engineLike(), { origin: 'http://localhost:5999' });
    const { page } = popover;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.waitForFunction(() => document.documentElement.dataset.snapshotAt);
    await page.getByRole('tab', { name: 'What is apsd?' }).click();
    const section = page.locator('[data-testid=explainer-section][data-id=restart]');
    await section.locator('summary').click();
    expect(await section.getAttribute('open')).not.toBeNull();
    await section.getByRole('button', { name: 'Copy command: Restart apsd' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('sudo killall apsd');
    await page.getByRole('button', { name: "Check Apple's certificate" }).click();
    expect(await page.getByTestId('probe-result').getAttribute('data-verdict')).toBe(
      'apple-chain-generic-leaf',
    );
    expect(await page.getByTestId('probe-certificate').count()).toBe(1);
    await page.getByTestId('report-copy').click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe('# apsd-watch report');
    expect(popover.requests.find((r) => r.channel === 'report:get')?.args).toEqual([
      { format: 'markdown', keepPrivate: false },
    ]);
    await page.context().close();
  });

  it('copies through the selection fallback where the Clipboard API is missing', async () => {
    const { page } = await open();
    await page.evaluate(() => {
      document.addEventListener('copy', (event) => {
        const area = event.target as HTMLTextAreaElement;
        Object.assign(window, { copied: area.value.slice(area.selectionStart, area.selectionEnd) });
      });
    });
    expect(
      await page.evaluate(() => 'clipboard' in navigator && navigator.clipboard !== undefined),
    ).toBe(false);
    await page.getByRole('tab', { name: 'What is apsd?' }).click();
    const section = page.locator('[data-testid=explainer-section][data-id=restart]');
    await section.locator('summary').click();
    await section.getByRole('button', { name: 'Copy command: Restart apsd' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { copied?: string }).copied))
      .toBe('sudo killall apsd');
    await page.context().close();
  });
});
