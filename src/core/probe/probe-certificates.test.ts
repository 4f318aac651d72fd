import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../exec/run-command';
import {
  closedPort,
  lookupLoopback,
  startGarbageServer,
  startHangUpServer,
  startSilentServer,
  startTlsServer,
  type RunningServer,
  type TlsServerSpec,
} from '../../../test/fixtures/tls/loopback-servers';
import {
  createTestPki,
  opensslTime,
  type Issued,
  type TestPki,
} from '../../../test/fixtures/tls/test-pki';
import { probeCertificates, PROBE_DEFAULTS } from './probe-certificates';

const NUMBERED = '1-courier.push.apple.com';
const GENERIC = 'courier.push.apple.com';

let pki: TestPki;
let genericLeaf: Issued;
const servers: RunningServer[] = [];

beforeAll(async () => {
  pki = await createTestPki();
  genericLeaf = await pki.issueLeaf({
    commonName: GENERIC,
    dnsNames: [GENERIC],
    appleMarker: true,
  });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await pki?.cleanup();
});

async function serve(spec: TlsServerSpec): Promise<number> {
  const server = await startTlsServer(spec);
  servers.push(server);
  return server.port;
}

/** Probes a loopback server under the numbered courier name, trusting the test root. */
async function probeAs(port: number, trustRoot = true) {
  return probeCertificates(
    { host: NUMBERED, port, servername: GENERIC },
    {
      lookup: lookupLoopback,
      ca: trustRoot ? [pki.root.certPem] : [],
      timeoutMs: 5_000,
      platform: 'linux',
    },
  );
}

async function opensslFingerprint(pem: string): Promise<string> {
  const { writeFile, mkdtemp } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'apsd-watch-fp-'));
  await writeFile(join(dir, 'c.pem'), pem);
  const { stdout } = await runCommand(
    'openssl',
    ['x509', '-in', join(dir, 'c.pem'), '-noout', '-fingerprint', '-sha256'],
    { timeoutMs: 10_000 },
  );
  return stdout.trim().split('=')[1]!;
}

describe('probeCertificates against real TLS servers', () => {
  it('uses a numbered courier host, port 5223, the generic SNI name and apns-security-v3', () => {
    expect(PROBE_DEFAULTS).toMatchObject({
      host: '1-courier.push.apple.com',
      port: 5223,
      servername: 'courier.push.apple.com',
      alpn: 'apns-security-v3',
      timeoutMs: 10_000,
    });
  });

  it('recognises the generic-leaf Apple chain and reports every certificate', async () => {
    const port = await serve({
      key: genericLeaf.keyPem,
      certChain: genericLeaf.certPem + pki.intermediate.certPem,
    });
    const result = await probeAs(port);
    expect(result.verdict.kind).toBe('apple-chain-generic-leaf');
    expect(result.verdict.headline).toContain('likely cause');
    expect(result.chainVerified).toBe(true);
    expect(result.verifyError).toBeNull();
    expect(result.trustedRoot).toBe('Test Root CA');
    expect(result.alpn).toBe('apns-security-v3');
    expect(result.chain).toHaveLength(2);
    const [leaf, intermediate] = result.chain;
    expect(leaf).toMatchObject({
      subject: `CN=${GENERIC}`,
      issuer: 'O=apsd-watch tests, CN=Test Push Intermediate',
      sans: [GENERIC],
      keyUsage: ['digitalSignature'],
      extendedKeyUsage: ['serverAuth'],
      appleMarker: 'leaf',
      isCa: false,
      selfSigned: false,
    });
    expect(leaf!.sha256).toBe(await opensslFingerprint(genericLeaf.certPem));
    expect(Date.parse(leaf!.validTo)).toBeGreaterThan(Date.now());
    expect(intermediate).toMatchObject({
      subject: 'O=apsd-watch tests, CN=Test Push Intermediate',
      keyUsage: ['keyCertSign', 'cRLSign'],
      appleMarker: 'intermediate',
      isCa: true,
    });
    expect(intermediate!.sha256).toBe(await opensslFingerprint(pki.intermediate.certPem));
  });

  for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
    it(`captures the chain from a ${version} server that demands a client certificate`, async () => {
      const port = await serve({
        key: genericLeaf.keyPem,
        certChain: genericLeaf.certPem + pki.intermediate.certPem,
        version,
        requireClientCert: { ca: pki.root.certPem },
      });
      const result = await probeAs(port);
      expect(result.protocol).toBe(version);
      expect(result.chain.map((c) => c.appleMarker)).toEqual(['leaf', 'intermediate']);
      expect(result.verdict.kind).toBe('apple-chain-generic-leaf');
      if (version === 'TLSv1.2') {
        // The server refuses before the client's handshake completes; the chain was kept anyway.
        expect(result.closedWith).toMatch(/handshake failure/);
        expect(result.verdict.reasons.join(' ')).toContain('device certificate');
      }
    });
  }

  it('calls it apple-chain when the leaf names the numbered host dialled', async () => {
    const leaf = await pki.issueLeaf({
      commonName: GENERIC,
      dnsNames: [GENERIC, NUMBERED],
      appleMarker: true,
    });
    const port = await serve({
      key: leaf.keyPem,
      certChain: leaf.certPem + pki.intermediate.certPem,
    });
    const result = await probeAs(port);
    expect(result.verdict.kind).toBe('apple-chain');
    expect(result.verdict.headline).toContain(NUMBERED);
  });

  it('flags a leaf without Apple’s marker as not Apple', async () => {
    const leaf = await pki.issueLeaf({
      commonName: GENERIC,
      dnsNames: [GENERIC],
      appleMarker: false,
    });
    const port = await serve({
      key: leaf.keyPem,
      certChain: leaf.certPem + pki.intermediate.certPem,
    });
    const result = await probeAs(port);
    expect(result.verdict.kind).toBe('not-apple');
    expect(result.verdict.headline).toContain('could be intercepted');
    expect(result.chainVerified).toBe(true);
    expect(result.verdict.reasons.join(' ')).toContain('1.2.840.113635.100.6.27.5.2');
  });

  it('flags a leaf that names another host', async () => {
    const leaf = await pki.issueLeaf({
      commonName: 'push.example.net',
      dnsNames: ['push.example.net'],
      appleMarker: true,
    });
    const port = await serve({
      key: leaf.keyPem,
      certChain: leaf.certPem + pki.intermediate.certPem,
    });
    const result = await probeAs(port);
    expect(result.verdict.kind).toBe('not-apple');
    expect(result.verdict.reasons.join(' ')).toContain(
      `The leaf names push.example.net, not ${GENERIC} or ${NUMBERED}`,
    );
  });

  it('flags a self-signed leaf, even one that copies the marker', async () => {
    const leaf = await pki.selfSignedLeaf({
      commonName: GENERIC,
      dnsNames: [GENERIC],
      appleMarker: true,
    });
    const port = await serve({ key: leaf.keyPem, certChain: leaf.certPem });
    const result = await probeAs(port);
    expect(result.verdict.kind).toBe('not-apple');
    expect(result.chainVerified).toBe(false);
    expect(result.chain[0]!.selfSigned).toBe(true);
    expect(result.verifyError).toBe(`leaf (${GENERIC}) is self-signed`);
  });

  it('flags an expired leaf', async () => {
    const leaf = await pki.issueLeaf({
      commonName: GENERIC,
      dnsNames: [GENERIC],
      appleMarker: true,
      notBefore: opensslTime(new Date('2020-01-01T00:00:00Z')),
      notAfter: opensslTime(new Date('2021-01-01T00:00:00Z')),
    });
    const port = await serve({
      key: leaf.keyPem,
      certChain: leaf.certPem + pki.intermediate.certPem,
    });
    const result = await probeAs(port);
    expect(result.verdict.kind).toBe('not-apple');
    expect(result.chainVerified).toBe(false);
    expect(result.verdict.reasons).toContain(`Leaf (${GENERIC}) expired on 2021-01-01.`);
  });

  it('flags a chain whose root is not trusted, and says why off a Mac', async () => {
    const port = await serve({
      key: genericLeaf.keyPem,
      certChain: genericLeaf.certPem + pki.intermediate.certPem,
    });
    const result = await probeAs(port, false);
    expect(result.verdict.kind).toBe('not-apple');
    expect(result.verifyError).toBe(
      'no trusted root issued certificate 1 (Test Push Intermediate)',
    );
    expect(result.verdict.reasons.join(' ')).toContain(
      "Apple's roots are not in Node's bundled list",
    );
  });

  it('calls a server that speaks something other than TLS unreachable: not TLS', async () => {
    const server = await startGarbageServer();
    servers.push(server);
    const result = await probeAs(server.port);
    expect(result.verdict.kind).toBe('unreachable');
    expect(result.unreachable?.cause).toBe('not-tls');
    expect(result.chain).toEqual([]);
  });

  it('reports a server that hangs up before any certificate', async () => {
    const server = await startHangUpServer();
    servers.push(server);
    const result = await probeAs(server.port);
    expect(result.verdict.kind).toBe('unreachable');
    expect(result.unreachable).toEqual({
      cause: 'closed',
      detail: `${NUMBERED}:${server.port} closed the connection before any certificate`,
    });
  });

  it('gives up on a server that accepts and never answers', async () => {
    const server = await startSilentServer();
    servers.push(server);
    const result = await probeCertificates(
      { host: '127.0.0.1', port: server.port },
      { timeoutMs: 300, platform: 'linux' },
    );
    expect(result.verdict.kind).toBe('unreachable');
    expect(result.unreachable).toEqual({
      cause: 'timeout',
      detail: `127.0.0.1:${server.port} did not answer within 0.3 s`,
    });
  });

  it('reports a refused connection', async () => {
    const port = await closedPort();
    const result = await probeCertificates({ host: '127.0.0.1', port }, { platform: 'linux' });
    expect(result.verdict.kind).toBe('unreachable');
    expect(result.unreachable?.cause).toBe('refused');
    expect(result.verdict.reasons).toEqual([`127.0.0.1:${port} refused the connection.`]);
  });

  it('reports a name that does not resolve (the reserved .invalid domain)', async () => {
    const result = await probeCertificates(
      { host: 'courier.invalid', port: 5223 },
      { platform: 'linux' },
    );
    expect(result.verdict.kind).toBe('unreachable');
    expect(result.unreachable?.cause).toBe('dns');
  });
});
