/**
 * IP addresses, endpoints and CIDR ranges. Every address is held as 16 bytes with IPv4 stored
 * IPv4-mapped (::ffff:a.b.c.d), so one comparison serves both families and a dual-stack socket's
 * `::ffff:17.1.2.3` falls inside 17.0.0.0/8 like a plain IPv4 peer. Ranges the user writes are
 * and socket addresses are both parsed by the shared parser (ipaddr.js).
 */
import { parseAddressRange, type AddressRange } from '../../shared/address-range';

/** A bad CIDR or address from a user or a settings file; `message` is one line. */
export class AddressError extends Error {
  override name = 'AddressError';
}

export type Cidr = AddressRange;

/**
 * Parses an IPv4 or IPv6 literal (a `%zone` suffix and `[brackets]` are ignored) into 16 bytes,
 * IPv4 mapped; null for anything else, including `*`. A bare address is a one-host range to the
 * shared parser, so sockets and the ranges users write are read alike.
 */
export function parseIp(text: string): Uint8Array | null {
  let literal = text;
  if (literal.startsWith('[') && literal.endsWith(']')) literal = literal.slice(1, -1);
  const zone = literal.indexOf('%');
  if (zone >= 0) literal = literal.slice(0, zone);
  if (literal.includes('/')) return null;
  const parsed = parseAddressRange(literal);
  return parsed.ok ? parsed.range.network : null;
}

/** Parses a range through the shared parser (the one the settings schema uses); throws AddressError. */
export function parseCidr(text: string): Cidr {
  const parsed = parseAddressRange(text);
  if (!parsed.ok) throw new AddressError(`invalid CIDR: ${parsed.problem}`);
  return parsed.range;
}

/** True when the 16-byte address lies inside the range. */
export function cidrContains(cidr: Cidr, address: Uint8Array): boolean {
  const fullBytes = cidr.prefixBits >> 3;
  for (let i = 0; i < fullBytes; i++) if (address[i] !== cidr.network[i]) return false;
  const restBits = cidr.prefixBits & 7;
  if (restBits === 0) return true;
  const mask = (0xff << (8 - restBits)) & 0xff;
  return ((address[fullBytes] as number) & mask) === cidr.network[fullBytes];
}

/** Formats an IPv6 address from 16 bytes the RFC 5952 way (`::ffff:1.2.3.4` for mapped IPv4). */
export function formatIpv6(bytes: Uint8Array): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2)
    words.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff)
    return `::ffff:${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never compressed
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < 8 && words[end] === 0) end++;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** `1.2.3.4:5223`, `[2620:149:a44::1]:5223`, `*:*` for an unconnected end. */
export function formatEndpoint(address: string, port: number | null): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return `${host}:${port === null ? '*' : port}`;
}

/** A block as bytes and prefix length over the mapped 128 bits (as Cidr, without text). */
type Block = Pick<Cidr, 'network' | 'prefixBits'>;

function block(words: readonly number[], prefixBits: number): Block {
  const network = new Uint8Array(16);
  words.forEach((word, i) => {
    network[i * 2] = word >> 8;
    network[i * 2 + 1] = word & 0xff;
  });
  return { network, prefixBits };
}

/**
 * The address blocks an IPv6 address cut short could stand for (netstat prints the first 16
 * characters: `2607:f8b0:4003:c`). The last, partial group may have lost up to 3 hex digits, and
 * everything after it is unknown; after a `::` only the groups before it are known. Null when
 * the text is no IPv6 prefix.
 */
export function cutIpv6Blocks(prefix: string): Block[] | null {
  if (!/^[0-9a-fA-F:]+$/.test(prefix) || prefix.includes(':::')) return null;
  const compressed = prefix.indexOf('::');
  const text = compressed >= 0 ? prefix.slice(0, compressed) : prefix;
  const groups = text === '' ? [] : text.split(':');
  if (
    groups.length > 8 ||
    groups.some((g, i) => g.length > 4 || (g === '' && i < groups.length - 1))
  )
    return null;
  const partial = compressed >= 0 ? '' : (groups.pop() ?? '');
  const known = groups.map((g) => parseInt(g, 16));
  const k = known.length;
  if (partial === '' || k >= 8) return [block(known, 16 * k)];
  const value = parseInt(partial, 16);
  const blocks: Block[] = [];
  for (let lost = 0; lost <= 4 - partial.length; lost++)
    blocks.push(block([...known, value << (4 * lost)], 16 * k + 16 - 4 * lost));
  return blocks;
}

/** Whether a block lies wholly inside a range, wholly outside every range, or neither. */
export function classifyBlocks(
  blocks: readonly Block[],
  ranges: readonly Cidr[],
): { inside: Cidr } | 'outside' | 'maybe' {
  let allInside: Cidr | null = null;
  let anyOverlap = false;
  let everyInside = true;
  for (const b of blocks) {
    let insideOne: Cidr | null = null;
    for (const range of ranges) {
      const overlap =
        range.prefixBits <= b.prefixBits
          ? cidrContains(range, b.network)
          : cidrContains({ text: '', ...b }, range.network);
      if (!overlap) continue;
      anyOverlap = true;
      if (range.prefixBits <= b.prefixBits) insideOne ??= range;
    }
    if (!insideOne) everyInside = false;
    else allInside ??= insideOne;
  }
  if (everyInside && allInside) return { inside: allInside };
  return anyOverlap ? 'maybe' : 'outside';
}
