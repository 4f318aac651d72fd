/**
 * The roots a presented chain may lead to. Node's bundled list has no Apple root, so on a Mac the
 * system's own root store is added: that is what apsd itself trusts.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { runCommand } from '../exec/run-command';
import { errorLine } from '../../shared/error-line';

/** macOS keeps its built-in trusted roots in this keychain; `security` prints them as PEM. */
const MAC_SYSTEM_ROOTS_KEYCHAIN = '/System/Library/Keychains/SystemRootCertificates.keychain';

export interface TrustAnchors {
  anchors: X509Certificate[];
  /** Where the roots came from, in words, e.g. "Node's 144 bundled roots". */
  sources: string[];
  /** One line each: a source that failed, certificates that could not be read. */
  warnings: string[];
}

export interface TrustAnchorOptions {
  platform?: NodeJS.Platform;
  /** Extra trusted roots as PEM text (tests, or a root the user supplies). */
  extraPem?: readonly string[];
  /** The `security` binary; tests on a Mac may point elsewhere. */
  securityBinary?: string;
}

/** Collects Node's roots, the Mac's system roots (on darwin) and any extra roots. */
export async function loadTrustAnchors(options: TrustAnchorOptions = {}): Promise<TrustAnchors> {
  const warnings: string[] = [];
  const sources: string[] = [];
  const anchors: X509Certificate[] = [];
  const add = (pems: readonly string[], label: string) => {
    let read = 0;
    for (const pem of pems) {
      try {
        anchors.push(new X509Certificate(pem));
        read += 1;
      } catch {
        // Counted below: one unreadable root must not hide the others.
      }
    }
    if (read < pems.length) warnings.push(`${pems.length - read} of ${label} could not be read`);
    if (read > 0) sources.push(`${read} ${label}`);
  };
  add(rootCertificates, "Node's bundled roots");
  if ((options.platform ?? process.platform) === 'darwin') {
    try {
      const { stdout } = await runCommand(
        options.securityBinary ?? '/usr/bin/security',
        ['find-certificate', '-a', '-p', MAC_SYSTEM_ROOTS_KEYCHAIN],
        { timeoutMs: 10_000, maxBufferBytes: 16 * 1024 * 1024 },
      );
      add(splitPemCertificates(stdout), 'macOS system roots');
    } catch (error) {
      warnings.push(`macOS system roots unavailable: ${errorLine(error)}`);
    }
  }
  if (options.extraPem?.length) {
    const blocks = options.extraPem.flatMap(splitPemCertificates);
    if (blocks.length === 0) warnings.push('the extra trusted roots hold no PEM certificate');
    add(blocks, 'extra trusted roots');
  }
  return { anchors, sources, warnings };
}

/** Every `BEGIN CERTIFICATE` block in a text, whole; anything between blocks is ignored. */
export function splitPemCertificates(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}
