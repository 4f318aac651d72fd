/**
 * The shared range parser against an independent one, Node's own `net.isIPv4` and `isIPv6`, over
 * thousands of generated ranges and near misses (containment: src/core/sockets/address.test.ts).
 */
import { isIPv4, isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APSD_RULES } from './settings';
import { parseAddressRange, quoteInput } from './address-range';

const RUNS = 3000;

/** What Node says a range written `address/prefix` (or a bare address) should be. */
function nodeAccepts(text: string): boolean {
  const parts = text.split('/');
  if (parts.length > 2) return false;
  const [address = '', prefixText] = parts;
  const v4 = isIPv4(address);
  const v6 = !v4 && isIPv6(address) && !address.includes('%');
  if (!v4 && !v6) return false;
  if (prefixText === undefined) return true;
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  return Number(prefixText) <= (v4 ? 32 : 128);
}

const prefixes = fc.oneof(
  fc.integer({ min: 0, max: 140 }).map(String),
  fc.constantFrom('', '-1', '08', '1a', ' 8', '8 ', '999', '0x8'),
);
const address = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4Extended(), // octal, hex and short forms: never a range here
  fc.ipV4().map((ip) => ip.replace(/^(\d+)/, '0$1')),
  fc.ipV6().map((ip) => `${ip}%en0`),
  fc.ipV6().map((ip) => `[${ip}]`),
  fc.string({ maxLength: 20 }),
);
const written = fc.oneof(
  fc.tuple(address, prefixes).map(([a, p]) => `${a}/${p}`),
  address,
  fc.string({ maxLength: 80 }),
  fc.string({ maxLength: 80, unit: 'binary' }),
);

describe('parseAddressRange', () => {
  it("accepts exactly what Node's net module calls an address with a prefix in range", () => {
    fc.assert(
      fc.property(written, (text) => {
        const parsed = parseAddressRange(text);
        expect(parsed.ok, text).toBe(nodeAccepts(text));
        if (!parsed.ok) {
          expect(parsed.problem).toContain(quoteInput(text));
          expect(parsed.problem).not.toMatch(/[\n\r]/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("reads Apple's push ranges (the defaults) and refuses them with a space or a zone", () => {
    for (const range of APSD_RULES.peerCidrs) {
      expect(parseAddressRange(range).ok, range).toBe(true);
      expect(parseAddressRange(` ${range}`).ok, range).toBe(false);
    }
    expect(parseAddressRange('fe80::1%en0/64')).toEqual({
      ok: false,
      problem: '“fe80::1%en0/64” is not an address range such as 17.0.0.0/8 or 2620:149:a44::/48',
    });
  });

  it('reads an IPv6 address with a dotted tail as two groups, not as IPv4-mapped', () => {
    // fast-check found this one against Node's BlockList: ipaddr.js maps any dotted tail.
    const bytes = (text: string) => {
      const parsed = parseAddressRange(text);
      if (!parsed.ok) throw new Error(parsed.problem);
      return [...parsed.range.network];
    };
    expect(bytes('::0.0.0.0/128')).toEqual(new Array(16).fill(0));
    expect(bytes('::1.2.3.4/128')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    expect(bytes('::ffff:1.2.3.4/128')).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4,
    ]);
    expect(bytes('64:ff9b::17.57.144.12/128').slice(12)).toEqual([17, 57, 144, 12]);
  });

  it('quotes a huge or multi-line value in one short line', () => {
    expect(quoteInput(`a\nb${'x'.repeat(100)}`)).toBe(`“a\\nb${'x'.repeat(37)}…”`);
    expect(quoteInput(17)).toBe('“17”');
  });
});
