/** X.509 extensions read straight from a certificate's DER, for the fields node:crypto hides. */
import { DER_TAG, DerError, decodeOid, expectElement, readChildren } from './der';

export interface CertificateExtension {
  oid: string;
  critical: boolean;
  /** The extension's value: the contents of its OCTET STRING, itself DER. */
  value: Buffer;
}

export const OID = {
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  /** Apple's marker on the push service's leaf certificate (SecPolicyCreateApplePushService). */
  applePushLeaf: '1.2.840.113635.100.6.27.5.2',
  /** Apple's marker on the intermediate that issues push service leaves. */
  applePushIntermediate: '1.2.840.113635.100.6.2.12',
} as const;

/** Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { ..., [3] { SEQUENCE OF Extension } } }. */
export function readExtensions(certificateDer: Buffer): CertificateExtension[] {
  const certificate = expectElement(certificateDer, 0, DER_TAG.SEQUENCE, 'Certificate');
  const tbs = expectElement(certificate.value, 0, DER_TAG.SEQUENCE, 'TBSCertificate');
  const wrapper = readChildren(tbs).find((child) => child.tag === DER_TAG.CONTEXT_3);
  if (!wrapper) return [];
  const list = expectElement(wrapper.value, 0, DER_TAG.SEQUENCE, 'Extensions');
  return readChildren(list).map((extension) => {
    if (extension.tag !== DER_TAG.SEQUENCE)
      throw new DerError('DER: an extension is not a SEQUENCE');
    const [oid, second, third] = readChildren(extension);
    if (!oid || oid.tag !== DER_TAG.OID) throw new DerError('DER: an extension has no OID');
    const hasCritical = second?.tag === DER_TAG.BOOLEAN;
    const value = hasCritical ? third : second;
    if (!value || value.tag !== DER_TAG.OCTET_STRING)
      throw new DerError(`DER: extension ${decodeOid(oid.value)} has no value`);
    return {
      oid: decodeOid(oid.value),
      critical: hasCritical && second.value[0] !== 0,
      value: value.value,
    };
  });
}

/** RFC 5280 KeyUsage bit names, bit 0 first. */
const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;

/** KeyUsage ::= BIT STRING; returns the names of the bits set. */
export function decodeKeyUsage(value: Buffer): string[] {
  const bits = expectElement(value, 0, DER_TAG.BIT_STRING, 'KeyUsage');
  const bytes = bits.value.subarray(1);
  return KEY_USAGE_BITS.filter((_, bit) => {
    const byte = bytes[bit >> 3];
    return byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0;
  });
}

const EXTENDED_KEY_USAGE_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

/** ExtKeyUsageSyntax ::= SEQUENCE OF OID; known purposes by name, others as dotted OIDs. */
export function decodeExtendedKeyUsage(value: Buffer): string[] {
  const list = expectElement(value, 0, DER_TAG.SEQUENCE, 'ExtKeyUsageSyntax');
  return readChildren(list).map((purpose) => {
    if (purpose.tag !== DER_TAG.OID) throw new DerError('DER: a key purpose is not an OID');
    const oid = decodeOid(purpose.value);
    return EXTENDED_KEY_USAGE_NAMES[oid] ?? oid;
  });
}
