/** Address-range syntax checks for the settings form, so a typo is caught before the engine sees it. */

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(address: string): boolean {
  if (!address.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(address)) return false;
  try {
    // The URL parser implements the full IPv6 grammar (compression, embedded IPv4).
    return new URL(`http://[${address}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

/** True for `a.b.c.d/n` (n <= 32) or `v6addr/n` (n <= 128). */
export function isCidr(value: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(value.trim());
  if (!match) return false;
  const [, address = '', prefixText = ''] = match;
  const prefix = Number(prefixText);
  if (IPV4.test(address)) return prefix <= 32;
  return isIpv6(address) && prefix <= 128;
}
