/**
 * Turns what the probe saw into one of four verdicts, in the words of Apple's push policy
 * (SecPolicyCreateApplePushService: Apple root, marked intermediate, marked leaf, host name,
 * serverAuth), and says plainly what was not checked.
 */
import type { X509Certificate } from 'node:crypto';
import type { ProbeCertificate, ProbeResult } from '../../shared/probe';
import { OID } from './certificate-extensions';
import type { ChainCheck } from './verify-chain';

export interface VerdictInput {
  host: string;
  servername: string;
  chain: ProbeCertificate[];
  leaf: X509Certificate;
  check: ChainCheck;
  /** Problems reading the certificates themselves. */
  readProblems: string[];
  closedWith: string | null;
  /** Apple's roots are in the Mac's system store, not in Node's bundle: say so off a Mac. */
  onMac: boolean;
}

/** Strict name match against the leaf's DNS SANs only, as Apple's policy asks. */
function leafNames(leaf: X509Certificate, name: string): boolean {
  return leaf.checkHost(name, { subject: 'never' }) !== undefined;
}

export function judgeChain(input: VerdictInput): ProbeResult['verdict'] {
  const { host, servername, chain, leaf, check } = input;
  const differences: string[] = check.problems.map((problem) => problem.message);
  const leafInfo = chain[0]!;
  if (leafInfo.appleMarker !== 'leaf')
    differences.push(`the leaf lacks Apple's push-server marker (OID ${OID.applePushLeaf})`);
  if (!chain.slice(1).some((certificate) => certificate.appleMarker === 'intermediate'))
    differences.push(
      `no intermediate carries Apple's push CA marker (OID ${OID.applePushIntermediate})`,
    );
  const namesHost = leafNames(leaf, host);
  const namesServername = leafNames(leaf, servername);
  if (!namesHost && !namesServername)
    differences.push(
      `the leaf names ${leafInfo.sans.join(', ') || 'no host'}, not ${servername}${host === servername ? '' : ` or ${host}`}`,
    );
  const usages = leafInfo.extendedKeyUsage ?? [];
  if (
    usages.length > 0 &&
    !usages.includes('serverAuth') &&
    !usages.includes('anyExtendedKeyUsage')
  )
    differences.push('the leaf is not marked for server authentication (serverAuth)');
  differences.push(...input.readProblems);

  const closing = input.closedWith
    ? [
        `After sending its certificates the server ended the exchange (${input.closedWith}); Apple's push servers ask each Mac for its device certificate, which this probe does not have, so this is likely expected.`,
      ]
    : [];

  if (differences.length > 0) {
    const rootsHint =
      !input.onMac && !check.verified
        ? [
            "Not on a Mac: Apple's roots are not in Node's bundled list, so even Apple's real chain cannot verify here.",
          ]
        : [];
    return {
      kind: 'not-apple',
      headline: "Not Apple's push chain: this connection could be intercepted.",
      reasons: [...differences.map(sentence), ...rootsHint, ...closing],
    };
  }

  const common = [
    `The chain verifies to a trusted root: ${check.trustedRoot}.`,
    `The leaf carries Apple's push-server marker and an intermediate carries Apple's push CA marker.`,
    `The leaf names: ${leafInfo.sans.join(', ')}.`,
    ...closing,
    "This probe did not check revocation, which Apple's push policy also requires.",
  ];
  if (namesHost)
    return {
      kind: 'apple-chain',
      headline: `Apple's push chain; the leaf names the host dialled (${host}).`,
      reasons: common,
    };
  return {
    kind: 'apple-chain-generic-leaf',
    headline: `Apple's push chain; the leaf names the generic host ${servername}, not ${host} as dialled: a likely cause of the "Unrecognized leaf certificate" message, which is judged harmless.`,
    reasons: [
      ...common,
      'Apple has not confirmed the cause of "Unrecognized leaf certificate"; this name mismatch is the likely one, another is that apsd checks the leaf against a legacy policy.',
    ],
  };
}

/** The `unreachable` verdict, with why in one line. */
export function unreachableVerdict(where: string, detail: string): ProbeResult['verdict'] {
  return {
    kind: 'unreachable',
    headline: `Could not get a certificate from ${where}.`,
    reasons: [sentence(detail)],
  };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
