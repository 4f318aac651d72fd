import { describe, expect, it } from 'vitest';
import { CLASSIFICATION_RULES, classifyMessage, findClassificationRule } from './message-kinds';

describe('classifyMessage', () => {
  it.each([
    ['Unrecognized leaf certificate', 'leaf-certificate'],
    ['unrecognized LEAF certificate for <private>', 'leaf-certificate'],
    // The interception sequence from security.SE 56749, line by line.
    ['CFNetwork SSLHandshake failed (-9807)', 'trust-failure'],
    [
      'Failed to evaluate trust: No error. (0), result=5; retrying with revocation checking optional',
      'trust-failure',
    ],
    [
      'failed to evaluate trust: No error. (0), result=5; retrying with system roots',
      'trust-failure',
    ],
    ['Failed to evaluate trust: No error. (0), result=5', 'trust-failure'],
    ['Untrusted peer, closing connection immediately', 'trust-failure'],
    ['SSL handshake failed for <private>', 'trust-failure'],
    ['Trust result kSecTrustResultRecoverableTrustFailure for <private>', 'trust-failure'],
    // Wordings from real captures (test/fixtures/real/SOURCES.md).
    [
      '2016-07-19 09:36:09 -0600 apsd[109]: Failed to validate certificate chain for courier.push.apple.com.',
      'trust-failure',
    ],
    [
      ' SecTrustEvaluate  [leaf AnchorApple AnchorTrusted CheckIntermediateMarkerOid]',
      'trust-failure',
    ],
    [
      'SecTrustEvaluate  [leaf AnchorApple CheckIntermediateMarkerOid CheckLeafMarkerOid SSLHostname]',
      'trust-failure',
    ],
    [' SecTrustEvaluate  [leaf AnchorTrusted]', 'trust-failure'],
    ['SecTrustEvaluate  [leaf SSLHostname]', 'other'],
    [
      '[com.apple.securityd:SecError] Trust evaluate failure: [leaf ExtendedKeyUsage MissingIntermediate]',
      'trust-failure',
    ],
    ['<private>: Connection to courier closed', 'connection'],
    ['Disconnected from courier <private>', 'connection'],
    ['Reconnecting in 30 seconds', 'connection'],
    ['APSCourier connected', 'connection'],
    ['Stream error occurred for <private>', 'connection'],
    ['Sending keep-alive', 'connection'],
    ['Loaded 3 topics from disk', 'other'],
    ['connectivity monitor ready', 'other'],
    ['', 'other'],
  ] as const)('%j -> %s', (message, kind) => {
    expect(classifyMessage(message)).toBe(kind);
  });

  it('ranks a trust failure above the connection words in the same line', () => {
    expect(findClassificationRule('Untrusted peer, closing connection immediately')?.kind).toBe(
      'trust-failure',
    );
  });

  it('gives every rule a one-line reason and a case-insensitive static pattern', () => {
    for (const rule of CLASSIFICATION_RULES) {
      expect(rule.why).toMatch(/^\S.*\S$/);
      expect(rule.why).not.toContain('\n');
      expect(rule.match.flags).toContain('i');
      expect(rule.match.flags).not.toContain('g');
    }
  });
});
