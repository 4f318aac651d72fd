/**
 * The one parser for address ranges the user writes (`17.0.0.0/8`, `2620:149:a44::/48`, or a bare
 * address for one host). The settings schema, the CLI and the engine's matcher all go through it,
 * in Node and in the browser, so a range the form accepts is one the engine can use.
 */
import ipaddr from 'ipaddr.js';

/** Longer than any written range (a full IPv6 address with an IPv4 tail and /128 is 49). */
export const MAX_RANGE_LENGTH = 64;

export interface AddressRange {
  /** As the user wrote it, for reasons such as "peer port 5223 in 17.0.0.0/8". */
  readonly text: string;
  /** The network as 16 bytes, IPv4 stored IPv4-mapped (::ffff:a.b.c.d), host bits cleared. */
  readonly network: Uint8Array;
  /** Prefix length over the 128-bit mapped form (IPv4 /8 is 104 here). */
  readonly prefixBits: number;
}

export type RangeParse = { ok: true; range: AddressRange } | { ok: false; problem: string };

/** A value quoted in a message: control characters escaped (one line), cut short (no flood). */
export function quoteInput(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return `“${short.replace(/\p{Cc}/gu, (c) => JSON.stringify(c).slice(1, -1))}”`;
}

const EXAMPLE = 'an address range such as 17.0.0.0/8 or 2620:149:a44::/48';

/** Parses one range strictly: four-part decimal IPv4 only, no zone, no spaces, prefix 0-32 or 0-128. */
export function parseAddressRange(text: string): RangeParse {
  const bad = (why: string): RangeParse => ({ ok: false, problem: `${quoteInput(text)} ${why}` });
  if (text.length > MAX_RANGE_LENGTH) return bad(`is not ${EXAMPLE}`);
  const parts = text.split('/');
  const [addressText = '', prefixText] = parts;
  if (parts.length > 2) return bad(`is not ${EXAMPLE}`);
  const isV4 = ipaddr.IPv4.isValidFourPartDecimal(addressText);
  if (!isV4 && (addressText.includes('%') || !ipaddr.IPv6.isValid(addressText)))
    return bad(`is not ${EXAMPLE}`);
  const maxBits = isV4 ? 32 : 128;
  const prefix =
    prefixText === undefined ? maxBits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= maxBits))
    return bad(`has a prefix length outside 0-${maxBits} for ${isV4 ? 'IPv4' : 'IPv6'}`);
  const parsed = ipaddr.parse(isV4 ? addressText : dottedTailAsHex(addressText));
  const bytes =
    parsed instanceof ipaddr.IPv4
      ? parsed.toIPv4MappedAddress().toByteArray()
      : parsed.toByteArray();
  const prefixBits = isV4 ? 96 + prefix : prefix;
  const network = Uint8Array.from(bytes, (byte, i) => {
    const keep = Math.min(8, Math.max(0, prefixBits - i * 8));
    return byte & ((0xff << (8 - keep)) & 0xff);
  });
  return { ok: true, range: { text, network, prefixBits } };
}

/**
 * `::1.2.3.4` as `::102:304`: ipaddr.js reads any IPv6 address with a dotted tail as IPv4-mapped
 * (`::ffff:1.2.3.4`), which RFC 4291 and Node's own parser do not; the tail is only two groups.
 */
function dottedTailAsHex(text: string): string {
  const match = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return text;
  const [a, b, c, d] = match.slice(2).map(Number) as [number, number, number, number];
  return `${match[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
