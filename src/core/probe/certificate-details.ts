/** One presented certificate, described for people: names, dates, usages and Apple's markers. */
import { X509Certificate } from 'node:crypto';
import type { ProbeCertificate } from '../../shared/probe';
import { DerError } from './der';
import {
  OID,
  decodeExtendedKeyUsage,
  decodeKeyUsage,
  readExtensions,
  type CertificateExtension,
} from './certificate-extensions';
import { errorLine } from '../../shared/error-line';

export interface DescribedCertificate {
  certificate: ProbeCertificate;
  x509: X509Certificate;
  /** Set when the extensions could not be read; the markers and usages are then unknown. */
  problem: string | null;
}

/** Describes a DER certificate; throws a one-line error only when OpenSSL cannot parse it at all. */
export function describeCertificate(der: Buffer): DescribedCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch (error) {
    throw new Error(`unreadable certificate: ${errorLine(error)}`);
  }
  let extensions: CertificateExtension[] = [];
  let problem: string | null = null;
  try {
    extensions = readExtensions(der);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    problem = `extensions of ${oneLineName(x509.subject)} could not be read (${errorLine(error)})`;
  }
  const find = (oid: string) => extensions.find((extension) => extension.oid === oid);
  const decodeOrNote = (oid: string, decode: (value: Buffer) => string[]): string[] => {
    const extension = find(oid);
    if (!extension) return [];
    try {
      return decode(extension.value);
    } catch (error) {
      if (!(error instanceof DerError)) throw error;
      problem ??= `extension ${oid} of ${oneLineName(x509.subject)} is malformed (${errorLine(error)})`;
      return [];
    }
  };
  const keyUsage = decodeOrNote(OID.keyUsage, decodeKeyUsage);
  const extendedKeyUsage = decodeOrNote(OID.extendedKeyUsage, decodeExtendedKeyUsage);
  const appleMarker = find(OID.applePushLeaf)
    ? 'leaf'
    : find(OID.applePushIntermediate)
      ? 'intermediate'
      : null;
  return {
    x509,
    problem,
    certificate: {
      subject: oneLineName(x509.subject),
      issuer: oneLineName(x509.issuer),
      sans: parseSubjectAltName(x509.subjectAltName),
      sha256: x509.fingerprint256,
      validFrom: isoDate(x509.validFrom),
      validTo: isoDate(x509.validTo),
      keyUsage,
      extendedKeyUsage,
      appleMarker,
      isCa: x509.ca,
      selfSigned: isSelfSigned(x509),
    },
  };
}

/**
 * Names itself as issuer and is signed by its own key. Not checkIssued(self): OpenSSL's check also
 * wants keyCertSign, which a self-signed leaf usually lacks.
 */
export function isSelfSigned(x509: X509Certificate): boolean {
  try {
    return x509.subject === x509.issuer && x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

/** Node prints distinguished names one attribute per line; a table wants them on one. */
function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/** `DNS:a, DNS:b, IP Address:1.2.3.4` -> `['a', 'b', 'IP Address:1.2.3.4']`; quoted values kept whole. */
export function parseSubjectAltName(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  for (const match of text.matchAll(/([^:,]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g)) {
    const type = match[1]!.trim();
    let value = match[2]!;
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        // Keep the quoted text as printed: odd, but still the name the certificate carries.
      }
    }
    names.push(type === 'DNS' ? value : `${type}:${value}`);
  }
  return names;
}

/** `Nov 27 22:30:27 2026 GMT` -> ISO 8601; the printed form is kept if it does not parse. */
function isoDate(printed: string): string {
  const time = Date.parse(printed);
  return Number.isNaN(time) ? printed : new Date(time).toISOString();
}
