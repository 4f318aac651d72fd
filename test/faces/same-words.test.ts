/**
 * Issue 16: the CLI text, the popover (real Chromium, the real renderer bundle) and the report's
 * Markdown, given the same snapshot, say the same thing: the same rhythm phrase ("every ~N" or
 * "irregular, median gap N", on either side of REGULAR_FROM), the same count per TCP state and per
 * log kind, and the same clock times. Snapshots come from the real pipeline (analyseCapture and
 * scanLogs, as the CLI calls them) on the founding pastes and on generated lines whose gaps put
 * the regularity at 0.55 and 0.65. Expected figures are counted by hand, not by the parser.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSnapshot } from '../../src/cli/render-snapshot';
import { analyseCapture } from '../../src/core/analyse-capture';
import { buildReport } from '../../src/core/report/diagnostic-report';
import { scanLogs } from '../../src/core/scan-logs';
import {
  queryConnections,
  viewSnapshot,
  type ConnectionsQuery,
} from '../../src/shared/connection-query';
import type { RequestFrame } from '../../src/shared/dashboard-protocol';
import { LOG_KIND_ORDER, LOG_KIND_TEXT } from '../../src/shared/log-kind-text';
import { APSD_RULES, DEFAULT_SETTINGS, type WatchRules } from '../../src/shared/settings';
import { TCP_STATES, type LogKind, type Snapshot, type TcpState } from '../../src/shared/snapshot';
import { fixturePath } from '../support/fixtures';
import { buildBundle, launchChromium, openPopover, type Bundle } from '../support/popover-page';
import { syslogStamp } from '../support/syslog-stamp';

/** What one face says: count per TCP state, and per log kind its count and "seen" phrase. */
interface Said {
  states: Partial<Record<TcpState, number>>;
  kinds: Partial<Record<LogKind, { count: number; seen: string }>>;
}

const count = (text: string) => Number(text.replace(/[^\d]/g, ''));
const LABEL_TO_KIND = new Map(LOG_KIND_ORDER.map((k) => [LOG_KIND_TEXT[k].label, k]));

function cliSays(snapshot: Snapshot): Said {
  const text = renderSnapshot(snapshot, { color: false, maxRows: 0 });
  const said: Said = { states: {}, kinds: {} };
  const connections = /^Connections attributed to \S+: (.*)$/m.exec(text);
  const list = connections && /\((.*)\)/.exec(connections[1]!);
  for (const part of list ? list[1]!.split(', ') : []) {
    const [n, state] = part.split(' ');
    said.states[state as TcpState] = count(n!);
  }
  for (const line of text.split('\n')) {
    const m = /^ {2}(.+) \((?:serious|benign|info)\): ([\d,]+), (.*)$/.exec(line);
    const kind = m && LABEL_TO_KIND.get(m[1]!);
    if (kind) said.kinds[kind] = { count: count(m[2]!), seen: m[3]! };
  }
  return said;
}

function reportSays(snapshot: Snapshot): Said {
  const text = buildReport({
    snapshot,
    probe: null,
    appVersion: 'test',
    format: 'markdown',
    keepPrivate: false,
    privacy: {
      hostnames: ['Alices-Mac'],
      usernames: ['alice'],
      localAddresses: [],
      homeDir: '/Users/alice',
    },
  });
  const said: Said = { states: {}, kinds: {} };
  for (const line of text.split('\n')) {
    const cells = /^\| (.*) \|$/.exec(line)?.[1]!.split(' | ');
    if (!cells) continue;
    if (cells.length === 2 && (TCP_STATES as readonly string[]).includes(cells[0]!))
      said.states[cells[0] as TcpState] = count(cells[1]!);
    const kind = cells.length === 3 ? LABEL_TO_KIND.get(cells[0]!) : undefined;
    // The report lists every kind; the other faces list the ones seen.
    if (kind && count(cells[1]!) > 0)
      said.kinds[kind] = { count: count(cells[1]!), seen: cells[2]! };
  }
  return said;
}

let browser: Browser;
let bundle: Bundle;

async function popoverSays(snapshot: Snapshot): Promise<Said> {
  const answer = (request: RequestFrame): unknown => {
    switch (request.channel) {
      case 'snapshot:get':
        return viewSnapshot(snapshot);
      case 'connections:page':
        return queryConnections(snapshot, request.args[0] as ConnectionsQuery);
      case 'history:get':
        return { range: request.args[0], points: [], markers: [] };
      case 'settings:get':
        return DEFAULT_SETTINGS;
      case 'host:notices':
        return [];
      default:
        throw new Error(`${request.channel}: refused`);
    }
  };
  const { page } = await openPopover(browser, bundle, answer);
  try {
    await page.locator('html[data-snapshot-at]').waitFor({ state: 'attached' });
    const said: Said = { states: {}, kinds: {} };
    for (const cell of await page.locator('[data-testid=state-counts] .state-cell').all()) {
      const state = (await cell.getAttribute('data-state')) as TcpState;
      said.states[state] = count(await cell.locator('dd').innerText());
    }
    await page.getByRole('tab', { name: 'Warnings', exact: true }).click();
    for (const kind of LOG_KIND_ORDER) {
      const card = page.getByTestId(`log-kind-${kind}`);
      const shown = count(await card.locator('.kind-count').innerText());
      expect(Number(await card.getAttribute('data-count')), kind).toBe(shown);
      if (shown === 0) continue;
      const seen = await page.getByTestId(`log-kind-${kind}-periodicity`).innerText();
      said.kinds[kind] = { count: shown, seen };
    }
    return said;
  } finally {
    await page.context().close();
  }
}

/** The three faces, which must agree; the agreed words are returned for the case's own checks. */
async function facesAgree(snapshot: Snapshot): Promise<Said> {
  const cli = cliSays(snapshot);
  const popover = await popoverSays(snapshot);
  const report = reportSays(snapshot);
  expect(popover, 'popover vs CLI').toEqual(cli);
  expect(report, 'report vs CLI').toEqual(cli);
  return cli;
}

let base: string;

/**
 * Leaf-certificate lines as syslogd writes them, `gapsMinutes` apart from 08:00 local time ten
 * days ago. With gaps a, b, a, b the regularity is 1 - (b - a) / (a + b) and the median gap (a + b) / 2.
 */
async function scanGeneratedGaps(name: string, gapsMinutes: number[]): Promise<Snapshot> {
  const day = new Date(Date.now() - 10 * 86_400_000);
  let at = new Date(day.getFullYear(), day.getMonth(), day.getDate(), 8, 0, 0);
  const lines = [at];
  for (const gap of gapsMinutes) lines.push((at = new Date(at.getTime() + gap * 60_000)));
  const path = join(base, name);
  await writeFile(
    path,
    lines
      .map((t) => `${syslogStamp(t)} Alices-Mac apsd[106]: Unrecognized leaf certificate\n`)
      .join(''),
  );
  return scanned([path]);
}

async function scanned(paths: string[]): Promise<Snapshot> {
  const scan = await scanLogs(paths, {});
  if (scan.refused !== undefined) throw new Error(scan.refused);
  return scan.snapshot;
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), `apsd-faces-${process.pid}-`));
  browser = await launchChromium();
  // Vite builds the whole renderer: on a busy machine that takes longer than the default timeout.
  bundle = await buildBundle();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await rm(base, { recursive: true, force: true });
});

describe('the CLI, the popover and the report say the same words', { timeout: 120_000 }, () => {
  it('the founding zgrep paste: 3 leaf-certificate lines, every ~1 h 30 min, 00:48 to 03:48', async () => {
    // grep -c 'Unrecognized leaf certificate': 3; stamps 00:48:01, 02:18:22, 03:48:44.
    const said = await facesAgree(
      await scanned([fixturePath('real/logs/ask-different-131917-zgrep.txt')]),
    );
    expect(said.states).toEqual({});
    expect(Object.keys(said.kinds)).toEqual(['leaf-certificate']);
    expect(said.kinds['leaf-certificate']!.count).toBe(3);
    expect(said.kinds['leaf-certificate']!.seen).toMatch(
      /^every ~1 h 30 min, first (.* )?00:48, last (.* )?03:48$/,
    );
  });

  it('the founding netstat paste: redacted peers, so no socket attributed in any face', async () => {
    const snapshot = await analyseCapture(
      fixturePath('real/netstat/macos-10.9.2-An-redacted.ask-different-131917.txt'),
      { rules: APSD_RULES },
    );
    const said = await facesAgree(snapshot);
    expect(said).toEqual({ states: {}, kinds: {} });
  });

  it('a Mojave netstat -An watched for port 8081: the same count per TCP state', async () => {
    // awk '$3 ~ /^tcp/ && $7 ~ /\.8081$/ {print $NF}': 1 ESTABLISHED, 2 CLOSE_WAIT, peer 35.236.87.93.
    const rules: WatchRules = { processes: [], peerPorts: [8081], peerCidrs: ['35.0.0.0/8'] };
    const snapshot = await analyseCapture(fixturePath('real/netstat/macos-10.14.6-An.jc.txt'), {
      rules,
    });
    const said = await facesAgree(snapshot);
    expect(said.states).toEqual({ ESTABLISHED: 1, CLOSE_WAIT: 2 });
  });

  it('regularity 0.55 reads "irregular" in every face', async () => {
    // Gaps 55, 145, 55, 145 min: mean 100, spread 45, regularity 0.55; median gap 100 min.
    const snapshot = await scanGeneratedGaps('gaps-055.log', [55, 145, 55, 145]);
    expect(snapshot.logs.periodicity['leaf-certificate'].regularity).toBeCloseTo(0.55, 6);
    const said = await facesAgree(snapshot);
    expect(said.kinds['leaf-certificate']!.count).toBe(5);
    expect(said.kinds['leaf-certificate']!.seen).toMatch(
      /^irregular, median gap 1 h 40 min, first \d+ \w+ (\d+ )?08:00, last \d+ \w+ (\d+ )?14:40$/,
    );
  });

  it('regularity 0.65 reads "every ~" in every face', async () => {
    // Gaps 65, 135, 65, 135 min: mean 100, spread 35, regularity 0.65; median gap 100 min.
    const snapshot = await scanGeneratedGaps('gaps-065.log', [65, 135, 65, 135]);
    expect(snapshot.logs.periodicity['leaf-certificate'].regularity).toBeCloseTo(0.65, 6);
    const said = await facesAgree(snapshot);
    expect(said.kinds['leaf-certificate']!.count).toBe(5);
    expect(said.kinds['leaf-certificate']!.seen).toMatch(
      /^every ~1 h 40 min, first \d+ \w+ (\d+ )?08:00, last \d+ \w+ (\d+ )?14:40$/,
    );
  });
});
