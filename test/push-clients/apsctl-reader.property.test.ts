/**
 * Property tests over the `apsctl status` reader: reordered labels, other indentation, unknown
 * labels, missing fields, tokens in odd places and 1 MB of junk. It never throws, never keeps a
 * token, and counts every line as read or not read.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseApsctlStatus, type ApsctlReading } from '../../src/core/push-clients/apsctl-parse';
import { scrubTokens } from '../../src/core/push-clients/scrub-tokens';

/** A client as groups of lines: each group is one field with the lines under it (a topic, its status). */
interface ClientSpec {
  head: string;
  groups: string[][];
}

const topicName = fc.constantFrom(
  'com.apple.madrid',
  'com.apple.ess',
  'com.apple.mgmt.External.5C1D8E6A-2B7F-4A11-9C3D-0E4F5A6B7C8D',
  'com.apple.icloud-container.com.example.notes',
  'com.example.chatapp',
);
const statusWording = fc.constantFrom(
  'Ok',
  'Waiting for push notifications',
  'Missing token',
  'Not connected to service',
  'User not connected',
);
const clientSpec: fc.Arbitrary<ClientSpec> = fc.record({
  head: fc.oneof(
    fc
      .constantFrom('com.apple.aps.mdmclient.daemon.push.production', 'com.apple.aps.example')
      .map((n) => `application port name: ${n}`),
  ),
  groups: fc
    .tuple(
      statusWording,
      fc.constantFrom('root', '501'),
      fc.boolean(),
      fc.array(topicName, { maxLength: 3 }),
    )
    .map(([status, user, token, topics]) => [
      [`persistent connection status: ${status}`],
      [`user: ${user}`],
      [
        token
          ? 'token: Yes, {length = 32, bytes = 0x00112233 44556677 ... 8899aabb ccddeeff}'
          : 'token: Missing',
      ],
      [`process: proc-${user}`],
      ['last push notification: Nov 3, 2023 at 10:11:12 AM (1 day ago)'],
      [
        'enabled topics:',
        ...topics.flatMap((t) => [`  topic: ${t}`, '    status: Ok']).map((l) => `  ${l}`),
      ],
    ]),
});

function render(clients: ClientSpec[], unit: string): string {
  const out = [
    'daemon status:',
    `${unit}connection environment: production`,
    `${unit}${unit}server hostname: 3-courier.push.apple.com`,
  ];
  for (const client of clients) {
    out.push(`${unit}${unit}${client.head}`);
    for (const group of client.groups)
      for (const line of group)
        out.push(
          `${unit}${unit}${unit}${line.replace(/^( *)/, (spaces) => unit.repeat(spaces.length / 2))}`,
        );
  }
  return `${out.join('\n')}\n`;
}

/** What should not depend on layout or order: each client's facts, topics as a sorted list. */
function facts(reading: ApsctlReading) {
  return reading.clients.map((c) => ({
    port: c.portName,
    process: c.process,
    kind: c.statusKind,
    user: c.user,
    token: c.hasToken,
    last: c.lastPushAt,
    topics: c.topics.map((t) => `${t.list}:${t.name}:${t.status}`).sort(),
  }));
}

function lineCount(text: string): number {
  const lines = text.split(/\r?\n/);
  return lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
}

describe('apsctl reader properties', () => {
  it('reads the same clients whatever the order of fields under each client', () => {
    fc.assert(
      fc.property(
        fc
          .array(clientSpec, { minLength: 1, maxLength: 4 })
          .chain((clients) =>
            fc.tuple(
              fc.constant(clients),
              fc.tuple(
                ...clients.map((c) =>
                  fc.shuffledSubarray(c.groups, { minLength: c.groups.length }),
                ),
              ),
            ),
          ),
        ([clients, shuffled]) => {
          const reordered = clients.map((c, i) => ({ head: c.head, groups: shuffled[i]! }));
          const a = parseApsctlStatus(render(clients, '    '));
          const b = parseApsctlStatus(render(reordered, '    '));
          expect(facts(b)).toEqual(facts(a));
          expect(b.linesNotRead).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads the same clients with any indentation unit (spaces or tabs)', () => {
    fc.assert(
      fc.property(
        fc.array(clientSpec, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(' ', '  ', '   ', '\t', '        '),
        (clients, unit) => {
          const reading = parseApsctlStatus(render(clients, unit));
          expect(facts(reading)).toEqual(facts(parseApsctlStatus(render(clients, '    '))));
          expect(reading.environments[0]).toMatchObject({
            connected: true,
            courier: '3-courier.push.apple.com',
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('counts unknown labels as not read, by name, and reads everything else the same', () => {
    fc.assert(
      fc.property(
        fc.array(clientSpec, { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.stringMatching(/^[a-z][a-z ]{2,20}[a-z]$/)), {
          maxLength: 6,
        }),
        (clients, inserts) => {
          const base = render(clients, '    ').split('\n');
          const known = new Set(['status', 'user', 'process', 'token', 'topic', 'enabled topics']);
          const extra = inserts.filter(
            ([, label]) =>
              !known.has(label.replace(/\s+/g, ' ')) &&
              !/topic|status|token|time|push|hostname|environment|process|user|port|ipc|connection/.test(
                label,
              ),
          );
          const lines = [...base];
          for (const [at, label] of extra)
            lines.splice(3 + (at % (lines.length - 3)), 0, `              ${label}: something`);
          const reading = parseApsctlStatus(lines.join('\n'));
          expect(reading.linesNotRead).toBe(extra.length);
          expect(Object.values(reading.unknownLabels).reduce((a, b) => a + b, 0)).toBe(
            extra.length,
          );
          expect(reading.linesRead + reading.linesNotRead).toBe(lineCount(lines.join('\n')));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('survives any subset of fields missing, and counts every line', () => {
    fc.assert(
      fc.property(
        fc
          .array(clientSpec, { minLength: 1, maxLength: 3 })
          .chain((clients) =>
            fc.tuple(
              ...clients.map((c) =>
                fc.subarray(c.groups).map((groups) => ({ head: c.head, groups })),
              ),
            ),
          ),
        (clients) => {
          const text = render(clients, '  ');
          const reading = parseApsctlStatus(text);
          expect(reading.clients.length).toBeGreaterThanOrEqual(clients.length);
          expect(reading.linesRead + reading.linesNotRead).toBe(lineCount(text));
        },
      ),
      { numRuns: 150 },
    );
  });

  const tokenBytes = fc.uint8Array({ minLength: 32, maxLength: 32 });
  const shapes = (bytes: Uint8Array) => {
    const hex = Buffer.from(bytes).toString('hex');
    const groups = hex.match(/.{8}/g)!;
    return [
      hex,
      hex.toUpperCase(),
      `{length = 32, bytes = 0x${groups.slice(0, 2).join(' ')} ... ${groups.slice(-2).join(' ')}}`,
      `<${groups.join(' ')}>`,
      Buffer.from(bytes).toString('base64'),
      hex.match(/.{2}/g)!.join(' '),
    ];
  };
  const places = [
    (t: string) => `        token: Yes, ${t}`,
    (t: string) => `        topic: ${t}`,
    (t: string) => `        topic: com.apple.icloud-container.${t}`,
    (t: string) => `        process: app${t}`,
    (t: string) => `        persistent connection status: Ok ${t}`,
    (t: string) => `        user: ${t}`,
    (t: string) => `        device token bytes: ${t}`,
    (t: string) => `        ${t}`,
    (t: string) => `        ${t}: value`,
    (t: string) => `        last push notification topic: ${t}`,
  ];

  it('keeps no token, in any shape, from any place', () => {
    fc.assert(
      fc.property(
        fc.array(clientSpec, { minLength: 1, maxLength: 2 }),
        tokenBytes,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (clients, bytes, shape, place, at) => {
          const token = shapes(bytes)[shape % 6]!;
          const lines = render(clients, '    ').split('\n');
          lines.splice(3 + (at % (lines.length - 3)), 0, places[place % places.length]!(token));
          const text = lines.join('\n');
          const kept = JSON.stringify(parseApsctlStatus(text)).toLowerCase();
          const scrubbed = scrubTokens(text).toLowerCase();
          const hex = Buffer.from(bytes).toString('hex');
          const base64 = Buffer.from(bytes).toString('base64').toLowerCase();
          for (let i = 0; i + 8 <= hex.length; i += 4) {
            expect(kept).not.toContain(hex.slice(i, i + 8));
            expect(scrubbed).not.toContain(hex.slice(i, i + 8));
          }
          for (let i = 0; i + 12 <= base64.length; i += 4) {
            expect(kept).not.toContain(base64.slice(i, i + 12));
            expect(scrubbed).not.toContain(base64.slice(i, i + 12));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads 1 MB of junk without throwing, every line counted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (chunks, seed) => {
          const parts: string[] = [];
          let size = 0;
          for (let i = 0; size < 1024 * 1024; i += 1) {
            const chunk =
              chunks[(i + seed) % chunks.length]! +
              (i % 7 === 0 ? '\n' : i % 11 === 0 ? ': x\n' : '');
            parts.push(chunk || '\n');
            size += chunk.length || 1;
          }
          const text = parts.join('');
          const reading = parseApsctlStatus(text);
          expect(reading.linesRead + reading.linesNotRead).toBe(lineCount(text));
        },
      ),
      { numRuns: 5 },
    );
  });
});
