import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AddressError,
  cidrContains,
  formatEndpoint,
  formatIpv6,
  parseCidr,
  parseIp,
} from './address';

const inRange = (cidr: string, address: string) => {
  const ip = parseIp(address);
  if (!ip) throw new Error(`test address ${address} did not parse`);
  return cidrContains(parseCidr(cidr), ip);
};

describe('endpoints', () => {
  it('formats IPv4, bracketed IPv6 and unconnected ends', () => {
    expect(formatEndpoint('1.2.3.4', 5223)).toBe('1.2.3.4:5223');
    expect(formatEndpoint('2620:149:a44::1', 5223)).toBe('[2620:149:a44::1]:5223');
    expect(formatEndpoint('fe80::1%en0', 62078)).toBe('[fe80::1%en0]:62078');
    expect(formatEndpoint('*', null)).toBe('*:*');
    expect(formatEndpoint('*', 22)).toBe('*:22');
  });

  it('formats IPv6 the RFC 5952 way', () => {
    const v6 = (text: string) => formatIpv6(parseIp(text) as Uint8Array);
    expect(v6('2620:0149:0a44:0000:0000:0000:0000:0001')).toBe('2620:149:a44::1');
    expect(v6('0:0:0:0:0:0:0:1')).toBe('::1');
    expect(v6('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1'); // one zero group stays
    expect(v6('2001:0:0:1:0:0:0:1')).toBe('2001:0:0:1::1'); // the longer run is compressed
    expect(v6('::ffff:17.1.2.3')).toBe('::ffff:17.1.2.3');
    expect(v6('17.1.2.3')).toBe('::ffff:17.1.2.3');
  });
});

describe('parseIp', () => {
  it('accepts IPv4, IPv6, IPv4 tails, zones and brackets; refuses the rest', () => {
    expect(parseIp('17.57.146.20')).not.toBeNull();
    expect(parseIp('[::1]')).not.toBeNull();
    expect(parseIp('fe80::1%en0')).not.toBeNull();
    expect(parseIp('::ffff:127.0.0.1')).not.toBeNull();
    for (const bad of [
      '*',
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '1::2::3',
      'g::1',
      '1:2:3:4:5:6:7:8:9',
      'apsd',
    ])
      expect(parseIp(bad), bad).toBeNull();
  });
});

describe('CIDR matching', () => {
  it('matches IPv4 ranges at and around their edges', () => {
    expect(inRange('17.0.0.0/8', '17.57.146.20')).toBe(true);
    expect(inRange('17.0.0.0/8', '18.0.0.1')).toBe(false);
    expect(inRange('17.57.144.0/22', '17.57.147.255')).toBe(true);
    expect(inRange('17.57.144.0/22', '17.57.148.0')).toBe(false);
    expect(inRange('127.0.0.0/8', '127.255.255.254')).toBe(true);
    expect(inRange('0.0.0.0/0', '203.0.113.9')).toBe(true);
    expect(inRange('17.1.2.3', '17.1.2.3')).toBe(true); // a bare address is one host
    expect(inRange('17.1.2.3', '17.1.2.4')).toBe(false);
  });

  it('matches an IPv4-mapped IPv6 peer against an IPv4 range', () => {
    expect(inRange('17.0.0.0/8', '::ffff:17.1.2.3')).toBe(true);
    expect(inRange('17.0.0.0/8', '::ffff:18.1.2.3')).toBe(false);
    expect(inRange('127.0.0.0/8', '::ffff:127.0.0.1')).toBe(true);
  });

  it('matches IPv6 ranges, including prefixes that end inside a byte', () => {
    expect(inRange('2620:149:a44::/48', '2620:149:a44:200::1d')).toBe(true);
    expect(inRange('2620:149:a44::/48', '2620:149:a45::1')).toBe(false);
    expect(inRange('2403:300:a42::/48', '2403:300:a42:100::7')).toBe(true);
    expect(inRange('2a01:b740:a42::/48', 'fe80::1%en0')).toBe(false);
    expect(inRange('2001:db8::/29', '2001:dbf:ffff::1')).toBe(true);
    expect(inRange('2001:db8::/29', '2001:dc0::1')).toBe(false);
    expect(inRange('::1/128', '::1')).toBe(true);
    expect(inRange('2620:149:a44::/48', '17.1.2.3')).toBe(false); // IPv4 never in an IPv6 range
  });

  it('masks host bits written into the network part', () => {
    expect(inRange('17.57.146.20/8', '17.1.1.1')).toBe(true);
  });

  it('rejects invalid ranges with a one-line AddressError', () => {
    for (const bad of [
      'nonsense',
      '17.0.0.0/33',
      '17.0.0.0/',
      '2620::/129',
      '17.0.0/8',
      '/8',
      'fe80::1%en0/64',
      '17.0.0.0/8/8',
      '17.0.0.0/-1',
    ]) {
      let error: unknown;
      try {
        parseCidr(bad);
      } catch (e) {
        error = e;
      }
      expect(error, bad).toBeInstanceOf(AddressError);
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).toContain(`“${bad}”`);
    }
    expect(() => parseCidr('nonsense')).toThrow(
      'invalid CIDR: “nonsense” is not an address range such as 17.0.0.0/8 or 2620:149:a44::/48',
    );
    expect(() => parseCidr('17.0.0.0/33')).toThrow('has a prefix length outside 0-32 for IPv4');
  });

  it("contains exactly the addresses Node's BlockList puts in the range", () => {
    const v4Range = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 }));
    const v6Range = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .tuple(v4Range, fc.ipV4())
            .map(([r, ip]) => ({ range: r, ip, family: 'ipv4' as const })),
          fc
            .tuple(v6Range, fc.ipV6())
            .map(([r, ip]) => ({ range: r, ip, family: 'ipv6' as const })),
          // Near the network: same leading part, so "inside" is common, not rare.
          v4Range.map(([net, bits]) => ({
            range: [net, bits] as [string, number],
            ip: net,
            family: 'ipv4' as const,
          })),
        ),
        ({ range: [network, bits], ip, family }) => {
          const parsed = parseCidr(`${network}/${bits}`);
          const list = new BlockList();
          list.addSubnet(network, bits, family);
          const bytes = parseIp(ip);
          expect(bytes, ip).not.toBeNull();
          expect(cidrContains(parsed, bytes!), `${ip} in ${network}/${bits}`).toBe(
            list.check(ip, family),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });
});
