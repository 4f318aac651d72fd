import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../test/fixtures/tls/test-pki';
import { describeCertificate, parseSubjectAltName } from './certificate-details';
import { OID, readExtensions } from './certificate-extensions';

let pki: TestPki;

beforeAll(async () => {
  pki = await createTestPki();
});

afterAll(async () => {
  await pki?.cleanup();
});

const der = (pem: string) => new X509Certificate(pem).raw;

describe('readExtensions on certificates made by openssl', () => {
  it('finds every extension with its critical flag, including the intermediate marker', () => {
    const extensions = readExtensions(der(pki.intermediate.certPem));
    expect(extensions.map((extension) => [extension.oid, extension.critical])).toEqual([
      ['2.5.29.19', true],
      ['2.5.29.15', true],
      ['2.5.29.14', false],
      ['2.5.29.35', false],
      [OID.applePushIntermediate, false],
    ]);
  });

  it('returns no extensions for a v1 certificate, and refuses a truncated one', async () => {
    const v1 = await pki.v1Certificate('old.example.net');
    expect(readExtensions(der(v1.certPem))).toEqual([]);
    expect(describeCertificate(der(v1.certPem)).certificate).toMatchObject({
      keyUsage: [],
      extendedKeyUsage: [],
      appleMarker: null,
    });
    const whole = der(pki.root.certPem);
    expect(() => readExtensions(whole.subarray(0, whole.length - 10))).toThrow(/runs past the end/);
  });
});

describe('describeCertificate', () => {
  it('describes a marked leaf', async () => {
    const leaf = await pki.issueLeaf({
      commonName: 'courier.push.apple.com',
      dnsNames: ['courier.push.apple.com', '1-courier.push.apple.com'],
      appleMarker: true,
    });
    const { certificate, problem } = describeCertificate(der(leaf.certPem));
    expect(problem).toBeNull();
    expect(certificate).toMatchObject({
      subject: 'CN=courier.push.apple.com',
      sans: ['courier.push.apple.com', '1-courier.push.apple.com'],
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['serverAuth'],
      appleMarker: 'leaf',
      isCa: false,
    });
    expect(certificate.validFrom).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('keeps going when an extension is malformed, and says which', async () => {
    const leaf = await pki.issueLeaf({
      commonName: 'odd.example.net',
      dnsNames: ['odd.example.net'],
      appleMarker: false,
      keyUsage: null,
      // keyUsage written as an OCTET STRING instead of a BIT STRING.
      extraExtensions: ['2.5.29.15 = DER:04:01:00'],
    });
    const { certificate, problem } = describeCertificate(der(leaf.certPem));
    expect(certificate.keyUsage).toEqual([]);
    expect(certificate.extendedKeyUsage).toEqual(['serverAuth']);
    expect(problem).toBe(
      'extension 2.5.29.15 of CN=odd.example.net is malformed (DER: expected KeyUsage (tag 0x03), found tag 0x04 at offset 0)',
    );
  });

  it('refuses bytes that are not a certificate in one line', () => {
    expect(() => describeCertificate(Buffer.from('not a certificate'))).toThrow(
      /^unreadable certificate: [^\n]+$/,
    );
  });
});

describe('parseSubjectAltName', () => {
  it('splits names and keeps non-DNS prefixes and quoted values', () => {
    expect(parseSubjectAltName(undefined)).toEqual([]);
    expect(
      parseSubjectAltName('DNS:a.example, IP Address:17.57.146.23, DNS:"b, c.example"'),
    ).toEqual(['a.example', 'IP Address:17.57.146.23', 'b, c.example']);
  });
});
