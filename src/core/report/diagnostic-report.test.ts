import { hostname, networkInterfaces, userInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { calmSnapshot, spikingSnapshot, TAKEN_AT } from '../../../test/support/explainer-fixtures';
import type { ProbeResult } from '../../shared/probe';
import type { Snapshot } from '../../shared/snapshot';
import { formatClock } from '../../shared/format';

/** Local clock times by the shared rule (tested in format-clock.test.ts). */
const clock = (iso: string) => formatClock(iso, TAKEN_AT);
import { buildReport, collectPrivacyFacts, type PrivacyFacts } from './diagnostic-report';

const privacy: PrivacyFacts = {
  hostnames: ['Alices-MacBook-Pro.local', 'Alices-MacBook-Pro'],
  usernames: ['alice'],
  localAddresses: ['192.168.1.20', 'fe80::1c2b:3aff:fe4d:5e6f', '10.0.0.7', '127.0.0.1', '::1'],
  homeDir: '/Users/alice',
};

const probe: ProbeResult = {
  host: '1-courier.push.apple.com',
  port: 5223,
  servername: 'courier.push.apple.com',
  at: TAKEN_AT,
  verdict: {
    kind: 'apple-chain-generic-leaf',
    headline: "Apple's push chain; the leaf names the generic host.",
    reasons: ['The chain verifies to a trusted root: Apple Root CA.'],
  },
  chain: [
    {
      subject: 'CN=courier.push.apple.com',
      issuer: 'CN=Apple Server Authentication CA',
      sans: ['courier.push.apple.com'],
      sha256: 'AB:CD',
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
      keyUsage: ['digitalSignature'],
      appleMarker: 'leaf',
    },
  ],
  chainVerified: true,
  verifyError: null,
  alpn: 'apns-security-v3',
  protocol: 'TLSv1.3',
  trustedRoot: 'Apple Root CA',
};

/** The calm Mac with private details planted everywhere a real one might leak them. */
function leakySnapshot(): Snapshot {
  const snapshot = calmSnapshot();
  snapshot.connections.items.push({
    ...snapshot.connections.items[0]!,
    local: '[fe80::1c2b:3aff:fe4d:5e6f%en0]:50200',
    peer: '[2620:149:a44::1]:5223',
  });
  snapshot.logs.recent.push({
    time: TAKEN_AT,
    kind: 'other',
    process: 'apsd',
    pid: 106,
    message:
      'Loaded /Users/alice/Library/Preferences/x.plist on Alices-MacBook-Pro.local from 192.168.1.20.50123 (ALICE, ::ffff:10.0.0.7, fe80::1c2b:3aff:fe4d:5e6f%en0)',
  });
  snapshot.warnings.push(
    'Moved /Users/alice/Library/Application Support/apsd-watch/history.json aside',
  );
  snapshot.source.logs.from = '/Users/alice/Library/Logs/apsd.log';
  return snapshot;
}

const PRIVATE = [/alice/i, /Alices-MacBook-Pro/i, /192\.168\.1\.20/, /fe80::1c2b/i, /10\.0\.0\.7/];

describe('buildReport', () => {
  const base = { probe, appVersion: '0.1.0', privacy, generatedAt: TAKEN_AT } as const;

  it('writes the known snapshot as Markdown: system, states, peers, lingering, logs, probe, sources', () => {
    const text = buildReport({
      ...base,
      snapshot: calmSnapshot(),
      format: 'markdown',
      keepPrivate: true,
    });
    for (const line of [
      '# apsd-watch diagnostic report',
      `Generated ${TAKEN_AT} by apsd-watch 0.1.0 from a snapshot taken ${TAKEN_AT}.`,
      '- OS: macOS 26.0 (darwin)',
      '- apsd: running, pid 106, up 13 h (started 2026-05-07T08:54:23.000Z)',
      '| ESTABLISHED | 1 |',
      '| FIN_WAIT_1 | 2 |',
      '- FIN_WAIT_1: 2, holding 1 KB in Send-Q (1,034 bytes), oldest seen for 10 min',
      '| `17.57.146.23` | 1 | ESTABLISHED 1 |',
      '### Lingering sockets (2, oldest first)',
      '| `192.168.1.20:50100` | `17.57.146.20:5223` | FIN_WAIT_1 | 517 | 10 min | 106 |',
      `| Unrecognized leaf certificate | 4 | every ~1 h 30 min, first ${clock('2026-05-07T16:54:23.000Z')}, last ${clock('2026-05-07T21:24:23.000Z')} |`,
      '| Trust failures | 0 | not seen |',
      "**apple-chain-generic-leaf**: Apple's push chain; the leaf names the generic host.",
      '| 0 | CN=courier.push.apple.com | CN=Apple Server Authentication CA | 2027-01-01T00:00:00.000Z | leaf | `AB:CD` |',
      '- Sockets: `netstat -anv -p tcp`, ok, 40 rows read, 3 attributed, took 35 ms, at 2026-05-07T21:54:23.000Z',
    ])
      expect(text.split('\n')).toContain(line);
    const lingering = text.split('\n').filter((line) => line.includes('| FIN_WAIT_1 | 517 |'));
    expect(lingering.map((line) => line.split('|')[5]!.trim())).toEqual(['10 min', '5 min']);
  });

  it('caps long tables and says how many rows were left out', () => {
    const text = buildReport({
      ...base,
      snapshot: spikingSnapshot(),
      format: 'markdown',
      keepPrivate: true,
    });
    expect(text).toContain('### Lingering sockets (420, oldest first)');
    expect(text).toContain('… and 400 more.');
    expect(text).toContain('… and 43 more peers.');
  });

  it('says plainly when there is no snapshot or probe yet', () => {
    const text = buildReport({
      ...base,
      probe: null,
      snapshot: null,
      format: 'markdown',
      keepPrivate: false,
    });
    expect(text).toContain('No live data yet');
    expect(text).toContain('Not run (the probe connects only when asked).');
  });

  for (const format of ['markdown', 'json'] as const) {
    it(`leaves no local address, host name or user name in ${format}, and keeps Apple's peers`, () => {
      const text = buildReport({ ...base, snapshot: leakySnapshot(), format, keepPrivate: false });
      for (const secret of PRIVATE) expect(text).not.toMatch(secret);
      expect(text).toContain('/Users/<user>/Library/Preferences/x.plist');
      expect(text).toContain('<host>');
      expect(text).toMatch(/<local-ip-1>[.:]50123/);
      expect(text).toContain('::ffff:<local-ip-3>');
      expect(text).toContain('17.57.146.23');
      expect(text).toContain('2620:149:a44::1');
      if (format === 'json') {
        const parsed = JSON.parse(text) as { redacted: boolean; snapshot: Snapshot };
        expect(parsed.redacted).toBe(true);
        expect(parsed.snapshot.connections.items.at(-1)!.local).toBe('[<local-ip-2>%en0]:50200');
      }
    });

    it(`keeps everything with keepPrivate in ${format}`, () => {
      const text = buildReport({ ...base, snapshot: leakySnapshot(), format, keepPrivate: true });
      for (const secret of PRIVATE) expect(text).toMatch(secret);
    });
  }

  it('never rescans a placeholder, whatever the user is called', () => {
    const text = buildReport({
      ...base,
      snapshot: leakySnapshot(),
      format: 'markdown',
      keepPrivate: false,
      privacy: { ...privacy, usernames: ['host', 'user'], hostnames: ['local'] },
    });
    expect(text).not.toMatch(/<<|>>/);
    expect(text).toContain('<local-ip-1>');
  });
});

describe('collectPrivacyFacts', () => {
  it("reads this machine's names and every interface address", () => {
    const facts = collectPrivacyFacts({ SUDO_USER: 'someone-else' });
    expect(facts.hostnames).toContain(hostname());
    expect(facts.usernames).toEqual([userInfo().username, 'someone-else']);
    const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
    for (const entry of addresses) expect(facts.localAddresses).toContain(entry.address);
    expect(facts.homeDir).toBe(userInfo().homedir);
  });
});
