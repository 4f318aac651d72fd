/**
 * Verifies a presented chain to trusted roots with node:crypto. The TLS handshake cannot do it for
 * us: a push server that demands a client certificate may abort a TLS 1.2 handshake before Node's
 * own verification result is ever published, so one check serves both TLS versions alike.
 */
import type { X509Certificate } from 'node:crypto';
import { isSelfSigned } from './certificate-details';

type ChainProblemKind =
  | 'expired'
  | 'not-yet-valid'
  | 'self-signed'
  | 'untrusted-root'
  | 'incomplete'
  | 'broken-link'
  | 'not-a-ca';

interface ChainProblem {
  kind: ChainProblemKind;
  /** Position in the chain, 0 = leaf. */
  index: number;
  /** One line for a person. */
  message: string;
}

export interface ChainCheck {
  verified: boolean;
  /** Subject of the trusted root the chain reached; null when it reached none. */
  trustedRoot: string | null;
  problems: ChainProblem[];
}

/** Checks dates, each issuing link and the way to a trusted anchor; `chain` is leaf first. */
export function verifyChain(
  chain: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  at: Date,
): ChainCheck {
  const problems: ChainProblem[] = [];
  chain.forEach((certificate, index) => {
    const name = `${role(index)} (${commonName(certificate)})`;
    if (at.getTime() > Date.parse(certificate.validTo))
      problems.push({
        kind: 'expired',
        index,
        message: `${name} expired on ${day(certificate.validTo)}`,
      });
    else if (at.getTime() < Date.parse(certificate.validFrom))
      problems.push({
        kind: 'not-yet-valid',
        index,
        message: `${name} is not valid before ${day(certificate.validFrom)}`,
      });
  });

  const anchorPrints = new Set(anchors.map((anchor) => anchor.fingerprint256));
  let trustedRoot: X509Certificate | null = null;
  for (let index = 0; index < chain.length && !trustedRoot; index++) {
    const certificate = chain[index]!;
    const name = `${role(index)} (${commonName(certificate)})`;
    if (anchorPrints.has(certificate.fingerprint256)) {
      trustedRoot = certificate;
      break;
    }
    trustedRoot = anchors.find((anchor) => signedBy(certificate, anchor)) ?? null;
    if (trustedRoot) break;
    if (isSelfSigned(certificate)) {
      problems.push(
        index === 0
          ? { kind: 'self-signed', index, message: `${name} is self-signed` }
          : {
              kind: 'untrusted-root',
              index,
              message: `root ${commonName(certificate)} is not trusted`,
            },
      );
      break;
    }
    const issuer = chain[index + 1];
    if (!issuer) {
      problems.push({
        kind: 'incomplete',
        index,
        message: `no trusted root issued ${name}`,
      });
      break;
    }
    if (!signedBy(certificate, issuer)) {
      problems.push({
        kind: 'broken-link',
        index,
        message: `${name} was not signed by the next certificate (${commonName(issuer)})`,
      });
      break;
    }
    if (!issuer.ca) {
      problems.push({
        kind: 'not-a-ca',
        index: index + 1,
        message: `${commonName(issuer)} issued ${name} but is not a CA`,
      });
      break;
    }
  }
  return {
    verified: trustedRoot !== null && problems.length === 0,
    trustedRoot: trustedRoot ? commonName(trustedRoot) : null,
    problems,
  };
}

/** Named by `issuer` and signed with its key; a key of another type is simply not a match. */
function signedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function role(index: number): string {
  return index === 0 ? 'leaf' : `certificate ${index}`;
}

/** The CN if there is one, else the whole subject on one line. */
function commonName(certificate: X509Certificate): string {
  const lines = certificate.subject.split('\n');
  const cn = lines.find((line) => line.startsWith('CN='));
  return cn ? cn.slice(3) : lines.join(', ');
}

function day(printed: string): string {
  const time = Date.parse(printed);
  return Number.isNaN(time) ? printed : new Date(time).toISOString().slice(0, 10);
}
