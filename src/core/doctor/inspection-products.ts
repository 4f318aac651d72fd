/**
 * Names that TLS-inspection products put in the certificates they forge (docs/sources.md,
 * "TLS inspection"). A match is only a hint shown beside the verdict: the verdict itself is that
 * the chain fails Apple's push policy, whatever its names say.
 */

interface ProductPattern {
  product: string;
  pattern: RegExp;
}

const PRODUCTS: readonly ProductPattern[] = [
  { product: 'Zscaler', pattern: /zscaler/i },
  { product: 'Netskope', pattern: /netskope|goskope\.com/i },
  { product: 'Cisco Umbrella', pattern: /cisco umbrella/i },
  { product: 'Palo Alto Networks (forward-trust CA)', pattern: /forward[- ]trust/i },
  { product: 'Fortinet FortiGate', pattern: /fortinet|fortigate/i },
  { product: 'Forcepoint', pattern: /forcepoint|websense/i },
  { product: 'McAfee / Skyhigh', pattern: /mcafee|skyhigh/i },
  { product: 'mitmproxy', pattern: /mitmproxy/i },
  { product: 'Burp Suite', pattern: /portswigger/i },
  { product: 'Fiddler', pattern: /fiddler/i },
];

/** The product an issuer's names read like, or null. */
export function inspectionProductHint(...names: (string | null)[]): string | null {
  const text = names.filter(Boolean).join(' ');
  return PRODUCTS.find(({ pattern }) => pattern.test(text))?.product ?? null;
}
