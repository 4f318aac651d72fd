import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../../../test/fixtures/tls/test-pki';
import { loadTrustAnchors, splitPemCertificates } from './trust-anchors';

let pki: TestPki;

beforeAll(async () => {
  pki = await createTestPki();
});

afterAll(async () => {
  await pki?.cleanup();
});

describe('loadTrustAnchors', () => {
  it("starts from Node's bundled roots and adds extra ones", async () => {
    const trust = await loadTrustAnchors({ platform: 'linux', extraPem: [pki.root.certPem] });
    expect(trust.anchors).toHaveLength(rootCertificates.length + 1);
    expect(trust.anchors.at(-1)!.subject).toContain('CN=Test Root CA');
    expect(trust.sources).toEqual([
      `${rootCertificates.length} Node's bundled roots`,
      '1 extra trusted roots',
    ]);
    expect(trust.warnings).toEqual([]);
  });

  it('warns about extra roots it cannot read instead of failing', async () => {
    const broken = pki.root.certPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    const trust = await loadTrustAnchors({ platform: 'linux', extraPem: [broken, 'plain text'] });
    expect(trust.anchors).toHaveLength(rootCertificates.length);
    expect(trust.warnings).toEqual(['1 of extra trusted roots could not be read']);
    const none = await loadTrustAnchors({ platform: 'linux', extraPem: ['plain text'] });
    expect(none.warnings).toEqual(['the extra trusted roots hold no PEM certificate']);
  });

  it("on a Mac, says so in one line when the system roots can't be listed", async () => {
    const trust = await loadTrustAnchors({
      platform: 'darwin',
      securityBinary: '/nonexistent/apsd-watch/security',
    });
    expect(trust.anchors).toHaveLength(rootCertificates.length);
    expect(trust.warnings).toEqual([
      'macOS system roots unavailable: /nonexistent/apsd-watch/security: command not found',
    ]);
  });

  const onMac = process.platform === 'darwin';
  if (!onMac) console.info("skipped: reading the Mac's system root keychain needs macOS");
  it.runIf(onMac)("reads the Mac's system roots, Apple's among them", async () => {
    const trust = await loadTrustAnchors();
    expect(trust.warnings).toEqual([]);
    expect(trust.anchors.some((anchor) => anchor.subject.includes('CN=Apple Root CA'))).toBe(true);
  });
});

describe('splitPemCertificates', () => {
  it('finds every certificate block and ignores text around them', () => {
    const text = `header\n${pki.root.certPem}between\n${pki.intermediate.certPem}trailer`;
    expect(splitPemCertificates(text)).toEqual([
      pki.root.certPem.trim(),
      pki.intermediate.certPem.trim(),
    ]);
    expect(splitPemCertificates('no certificates here')).toEqual([]);
  });
});
