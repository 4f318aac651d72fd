import { X509Certificate } from 'node:crypto';
import { connect, rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTlsServer, type RunningServer } from '../../../test/fixtures/tls/loopback-servers';
import {
  createTestPki,
  opensslTime,
  type Issued,
  type TestPki,
} from '../../../test/fixtures/tls/test-pki';
import { verifyChain } from './verify-chain';

let pki: TestPki;
let good: Issued;
let expired: Issued;
let selfSigned: Issued;
const servers: RunningServer[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  const spec = {
    commonName: 'courier.push.apple.com',
    dnsNames: ['courier.push.apple.com'],
    appleMarker: true,
  };
  good = await pki.issueLeaf(spec);
  expired = await pki.issueLeaf({
    ...spec,
    notBefore: opensslTime(new Date('2020-01-01T00:00:00Z')),
    notAfter: opensslTime(new Date('2021-01-01T00:00:00Z')),
  });
  selfSigned = await pki.selfSignedLeaf(spec);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await pki?.cleanup();
});

const x509 = (pem: string) => new X509Certificate(pem);

/** Node's own TLS verdict on a real handshake, and the chain it saw. */
async function nodeVerdict(leaf: Issued, chainPem: string, ca: string[] | undefined) {
  const server = await startTlsServer({ key: leaf.keyPem, certChain: chainPem });
  servers.push(server);
  return new Promise<{ authorized: boolean; chain: X509Certificate[] }>((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port: server.port,
      servername: 'courier.push.apple.com',
      ca,
      rejectUnauthorized: false,
    });
    socket.on('error', reject);
    socket.on('secureConnect', () => {
      const chain: X509Certificate[] = [];
      let current = socket.getPeerCertificate(true);
      const seen = new Set<string>();
      while (current?.raw && !seen.has(current.fingerprint256)) {
        seen.add(current.fingerprint256);
        chain.push(new X509Certificate(current.raw));
        current = current.issuerCertificate;
      }
      resolve({ authorized: socket.authorized, chain });
      socket.destroy();
    });
  });
}

describe('verifyChain', () => {
  // [name, leaf, chain sent, trust the test root, Node's expected verdict]
  const cases: [string, () => Issued, () => string, boolean, boolean][] = [
    [
      'a good chain, root trusted',
      () => good,
      () => good.certPem + pki.intermediate.certPem,
      true,
      true,
    ],
    [
      'a good chain, root untrusted',
      () => good,
      () => good.certPem + pki.intermediate.certPem,
      false,
      false,
    ],
    [
      'an expired leaf',
      () => expired,
      () => expired.certPem + pki.intermediate.certPem,
      true,
      false,
    ],
    ['a self-signed leaf', () => selfSigned, () => selfSigned.certPem, true, false],
  ];
  for (const [name, leaf, chainPem, trustRoot, expected] of cases) {
    it(`agrees with Node's TLS verification: ${name}`, async () => {
      const ca = trustRoot ? [pki.root.certPem] : undefined;
      const node = await nodeVerdict(leaf(), chainPem(), ca);
      expect(node.authorized).toBe(expected);
      const anchors = (ca ?? rootCertificates).map(x509);
      expect(verifyChain(node.chain, anchors, new Date()).verified).toBe(expected);
    });
  }

  it('names the problem for each kind of failure', async () => {
    const anchors = [x509(pki.root.certPem)];
    const intermediate = x509(pki.intermediate.certPem);
    const now = new Date();
    expect(verifyChain([x509(good.certPem), intermediate], anchors, now)).toEqual({
      verified: true,
      trustedRoot: 'Test Root CA',
      problems: [],
    });
    expect(verifyChain([x509(expired.certPem), intermediate], anchors, now).problems).toEqual([
      { kind: 'expired', index: 0, message: 'leaf (courier.push.apple.com) expired on 2021-01-01' },
    ]);
    expect(
      verifyChain([x509(good.certPem), intermediate], anchors, new Date('2000-01-01')).problems[0],
    ).toMatchObject({ kind: 'not-yet-valid', index: 0 });
    expect(verifyChain([x509(good.certPem)], anchors, now).problems).toEqual([
      {
        kind: 'incomplete',
        index: 0,
        message: 'no trusted root issued leaf (courier.push.apple.com)',
      },
    ]);
    expect(verifyChain([x509(good.certPem), x509(pki.root.certPem)], [], now).problems[0]).toEqual({
      kind: 'broken-link',
      index: 0,
      message:
        'leaf (courier.push.apple.com) was not signed by the next certificate (Test Root CA)',
    });
    expect(
      verifyChain([x509(good.certPem), intermediate, x509(pki.root.certPem)], [], now).problems,
    ).toEqual([{ kind: 'untrusted-root', index: 2, message: 'root Test Root CA is not trusted' }]);
  });

  it('accepts a root the server sent when it is one of the anchors', () => {
    const root = x509(pki.root.certPem);
    const chain = [x509(good.certPem), x509(pki.intermediate.certPem), root];
    expect(verifyChain(chain, [root], new Date())).toMatchObject({
      verified: true,
      trustedRoot: 'Test Root CA',
    });
  });

  it('refuses a certificate issued by a leaf that is not a CA', async () => {
    // A leaf with no keyUsage at all passes OpenSSL's issuer check; only basicConstraints stops it.
    const parent = await pki.issueLeaf({
      commonName: 'parent.example.net',
      dnsNames: ['parent.example.net'],
      appleMarker: false,
      keyUsage: null,
    });
    const child = await pki.issueLeaf({
      commonName: 'child.example.net',
      dnsNames: ['child.example.net'],
      appleMarker: false,
      issuedBy: parent,
    });
    const chain = [x509(child.certPem), x509(parent.certPem), x509(pki.intermediate.certPem)];
    const check = verifyChain(chain, [x509(pki.root.certPem)], new Date());
    expect(check.verified).toBe(false);
    expect(check.problems).toEqual([
      {
        kind: 'not-a-ca',
        index: 1,
        message: 'parent.example.net issued leaf (child.example.net) but is not a CA',
      },
    ]);
  });
});
