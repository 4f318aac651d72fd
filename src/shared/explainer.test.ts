import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildExplainer, type ExplainerSection } from './explainer';
import {
  TAKEN_AT,
  calmSnapshot,
  noApsdSnapshot,
  spikingSnapshot,
  trustFailureSnapshot,
} from '../../test/support/explainer-fixtures';
import type { ProbeResult } from './probe';
import type { Snapshot } from './snapshot';
import { formatClock } from './format';
import { makeSnapshot } from '../../test/support/snapshot-fixture';

const section = (sections: ExplainerSection[], id: ExplainerSection['id']) =>
  sections.find((s) => s.id === id)!;
const allEvidence = (sections: ExplainerSection[]) => sections.flatMap((s) => s.evidence);

const clockBefore = (minutes: number) =>
  formatClock(Date.parse(TAKEN_AT) - minutes * 60_000, TAKEN_AT);

describe('buildExplainer', () => {
  it('answers the six questions in order, each with answer sentences', () => {
    const sections = buildExplainer(calmSnapshot());
    expect(sections.map((s) => s.id)).toEqual([
      'how-it-works',
      'who-needs-it',
      'is-it-working',
      'is-it-an-attack',
      'check-by-hand',
      'restart',
      'stop-for-good',
    ]);
    for (const s of sections) {
      expect(s.question).toMatch(/\?$/);
      expect(s.answer.length).toBeGreaterThan(0);
      for (const sentence of s.answer) expect(sentence).toMatch(/[.?!)]$/);
    }
  });

  it('says "No live data yet" everywhere without a snapshot', () => {
    for (const s of buildExplainer(null)) expect(s.evidence).toEqual(['No live data yet.']);
  });

  it('gives the calm Mac its evidence: the link, the leftovers, the leaf rhythm, no trust failure', () => {
    const working = section(buildExplainer(calmSnapshot()), 'is-it-working').evidence;
    expect(working).toEqual([
      'apsd is running as pid 106, started 13 h ago.',
      'Push is working: 1 ESTABLISHED connection to 17.57.146.23:5223 for at least 3 h.',
      '2 connections in FIN_WAIT_1 holding 1 KB unsent (Send-Q); the oldest seen for 10 min.',
      '2 new connections per hour so far.',
      // Clock times are local; the rule itself is format-clock.test.ts's.
      `4 "Unrecognized leaf certificate" lines: every ~1 h 30 min, first ${clockBefore(300)}, last ${clockBefore(30)}.`,
      'No trust failure seen in the logs read.',
      "This app's verdict: apsd has an ESTABLISHED connection to Apple's push service",
    ]);
  });

  it('describes a pile-up with its Send-Q and the learned baseline', () => {
    const working = section(buildExplainer(spikingSnapshot()), 'is-it-working').evidence;
    expect(working).toContain(
      '420 connections in FIN_WAIT_1 holding 1.3 MB unsent (Send-Q); the oldest seen for 10 min.',
    );
    expect(working).toContain(
      "That is a pile-up: above this Mac's usual 2 (alert level 50) since 20 min ago.",
    );
    expect(working).toContain(
      'Push is working: 1 ESTABLISHED connection to 17.57.146.23:5223 for at least 3 h.',
    );
  });

  it('puts trust failures in front of the attack question, with the latest message', () => {
    const sections = buildExplainer(trustFailureSnapshot());
    const attack = section(sections, 'is-it-an-attack').evidence;
    expect(attack).toContain(
      '3 trust failures seen, the serious kind, the latest 4 min ago: "Untrusted peer, closing connection immediately".',
    );
    expect(attack).not.toContain('No trust failure seen in the logs read.');
    expect(section(sections, 'stop-for-good').evidence.join(' ')).toContain('intercepting');
  });

  it('says apsd is not running, and never "working", when it has no connection', () => {
    const sections = buildExplainer(noApsdSnapshot());
    expect(section(sections, 'restart').evidence).toEqual([
      'apsd is not running: no process of that name was found.',
    ]);
    expect(section(sections, 'is-it-working').evidence).toContain(
      'Push is not connected right now: no ESTABLISHED connection from apsd to Apple.',
    );
  });

  it('never claims push is working without an ESTABLISHED connection', () => {
    const withoutLink = (make: () => Snapshot, change: (s: Snapshot) => void = () => undefined) => {
      const snapshot = make();
      snapshot.connections.established = { count: 0, longest: null };
      delete snapshot.connections.byState.ESTABLISHED;
      change(snapshot);
      return snapshot;
    };
    const variants = [
      noApsdSnapshot(),
      withoutLink(calmSnapshot),
      withoutLink(spikingSnapshot),
      withoutLink(trustFailureSnapshot),
      withoutLink(calmSnapshot, (s) => {
        s.source.sockets = {
          ...s.source.sockets,
          status: 'failed',
          detail: 'netstat: command not found',
        };
      }),
    ];
    for (const snapshot of variants) {
      const text = allEvidence(buildExplainer(snapshot)).join('\n');
      expect(text).not.toMatch(/working/i);
    }
  });

  it('says what could not be read instead of guessing', () => {
    const snapshot = calmSnapshot();
    snapshot.source.sockets = {
      ...snapshot.source.sockets,
      status: 'failed',
      detail: 'netstat: command not found',
    };
    snapshot.source.logs = {
      ...snapshot.source.logs,
      status: 'unavailable',
      detail: 'log: command not found',
    };
    const working = section(buildExplainer(snapshot), 'is-it-working').evidence;
    expect(working).toContain('Connections could not be read: netstat: command not found.');
    expect(working).toContain(
      'Logs could not be read (log: command not found): certificate messages are unknown.',
    );
    expect(working.join(' ')).not.toContain('No trust failure seen');
  });

  it('says which parts this run did not read, and claims nothing from them', () => {
    // As analyze-netstat of an empty capture would see it: nothing checked, nothing read.
    const skipped = { status: 'skipped' } as const;
    const snapshot = makeSnapshot({
      daemon: { running: false, pid: null, startedAt: null },
      connections: { items: [] },
      source: { sockets: skipped, logs: skipped, daemon: skipped },
    });
    const working = section(buildExplainer(snapshot), 'is-it-working').evidence;
    expect(working.slice(0, 4)).toEqual([
      'Whether apsd is running was not checked in this run.',
      'Connections were not read in this run.',
      'Logs were not read in this run: certificate messages are unknown.',
      "This app's verdict: Nothing to report about apsd",
    ]);
  });

  it('names the computer when it is not a Mac', () => {
    const snapshot = noApsdSnapshot();
    snapshot.host = { platform: 'linux', osName: 'Debian', osVersion: '13' };
    const sections = buildExplainer(snapshot);
    expect(section(sections, 'stop-for-good').evidence).toEqual([
      'This computer is not a Mac (linux): apsd does not run here.',
    ]);
    expect(section(sections, 'restart').evidence).toEqual([
      'apsd is not running: this computer is not a Mac (linux).',
    ]);
  });

  it('ties what can be stopped to the macOS release', () => {
    const at = (version: string) => {
      const snapshot = calmSnapshot();
      snapshot.host.osVersion = version;
      return section(buildExplainer(snapshot), 'stop-for-good').evidence[0];
    };
    expect(at('26.0')).toContain('not confirmed');
    expect(at('12.7')).toContain('System Integrity Protection blocks changes');
    expect(at('10.9.2')).toBe('This Mac runs macOS 10.9.2.');
  });

  it('shows the last probe, or points to it', () => {
    const probe: ProbeResult = {
      host: '1-courier.push.apple.com',
      port: 5223,
      servername: 'courier.push.apple.com',
      at: new Date(Date.parse(TAKEN_AT) - 120_000).toISOString(),
      verdict: { kind: 'apple-chain-generic-leaf', headline: "Apple's push chain.", reasons: [] },
      chain: [],
      chainVerified: true,
      verifyError: null,
      alpn: null,
      protocol: 'TLSv1.3',
    };
    expect(section(buildExplainer(calmSnapshot(), probe), 'is-it-an-attack').evidence).toContain(
      "Probe of 1-courier.push.apple.com:5223 2 min ago: Apple's push chain.",
    );
    expect(section(buildExplainer(calmSnapshot()), 'is-it-an-attack').evidence.at(-1)).toMatch(
      /^Not probed yet/,
    );
  });

  it('gives the exact commands to check by hand and to restart', () => {
    const sections = buildExplainer(null);
    const commands = (id: ExplainerSection['id']) =>
      section(sections, id).commands.map((c) => c.command);
    expect(commands('check-by-hand')).toEqual(
      expect.arrayContaining([
        'netstat -anv -p tcp | grep 5223',
        `log show --last 24h --predicate 'process == "apsd"'`,
        `log stream --predicate 'process == "apsd"'`,
        'openssl s_client -connect 1-courier.push.apple.com:5223 -servername courier.push.apple.com -showcerts </dev/null',
      ]),
    );
    expect(commands('restart')).toContain('sudo killall apsd');
    expect(section(sections, 'stop-for-good').caveats).toContain(
      'Whether apsd can be stopped with SIP on in macOS 14 and later is not confirmed.',
    );
  });

  it('stays free of Node and DOM APIs so the popover can import it', () => {
    const dir = new URL('.', import.meta.url);
    const files = readdirSync(dir).filter((name) =>
      /^(explainer(?!.*test)|format).*\.ts$/.test(name),
    );
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const name of files) {
      const source = readFileSync(new URL(name, dir), 'utf8');
      expect(source, name).not.toMatch(/from '(node:|fs|path|os|electron)/);
      expect(source, name).not.toMatch(/\b(window|document|process)\./);
    }
  });
});
