/**
 * Tells apsd's log messages apart. Only static words are matched: dynamic values in unified-log
 * messages are often redacted to `<private>`, while the format text survives; which words mean
 * benign and which mean a trust failure: docs/sources.md#certificates and #unified-log.
 */
import type { LogKind } from '../../../shared/snapshot';

export interface ClassificationRule {
  kind: LogKind;
  match: RegExp;
  /** One line shown to users who ask why a line got its kind. */
  why: string;
}

/** Checked in order; the first match wins, so the serious kinds come first. */
export const CLASSIFICATION_RULES: readonly ClassificationRule[] = [
  {
    kind: 'trust-failure',
    match: /failed to evaluate trust/i,
    why: 'apsd could not verify the server certificate chain; seen when a push connection is intercepted.',
  },
  {
    kind: 'trust-failure',
    match: /untrusted peer/i,
    why: 'apsd refused the server as untrusted and closed the connection.',
  },
  {
    kind: 'trust-failure',
    match: /ssl ?handshake failed/i,
    why: 'The TLS handshake with the push server failed; an intercepting proxy causes this.',
  },
  {
    kind: 'trust-failure',
    match:
      /kSecTrustResult(?:Deny|RecoverableTrustFailure|FatalTrustFailure|OtherError)|trust evaluation failed/i,
    why: 'The certificate trust evaluation returned a failure result.',
  },
  {
    // An iOS device's push link under interception (2017), docs/sources.md#certificates.
    kind: 'trust-failure',
    match: /failed to validate certificate chain for/i,
    why: 'apsd refused the certificate chain of the push server; seen when a push connection is intercepted.',
  },
  {
    // The bracket lists the push policy's failed checks (docs/sources.md#certificates); a lone
    // SSLHostname is matched by the next rule instead.
    kind: 'trust-failure',
    match: /SecTrustEvaluate\s+\[leaf\b(?!\s+SSLHostname\s*\])[^\]]*\]/i,
    why: 'The Security framework listed the certificate checks that failed for the push server.',
  },
  {
    kind: 'other',
    match: /SecTrustEvaluate\s+\[leaf\s+SSLHostname\s*\]/i,
    why: 'Only the host-name check failed; consistent with the generic push certificate behind "Unrecognized leaf certificate", not confirmed by Apple.',
  },
  {
    // Printed by whichever process evaluated a chain (docs/sources.md#certificates): a trust
    // failure of the watched process only, which is all an event can be (events exist only for
    // watched processes).
    kind: 'trust-failure',
    match: /trust evaluate failure/i,
    why: 'The Security framework reported a failed certificate trust evaluation in this process.',
  },
  {
    kind: 'leaf-certificate',
    match: /unrecognized leaf certificate/i,
    why: "A known, benign apsd message about the push server's certificate; it recurs every 15-90 min.",
  },
  {
    kind: 'connection',
    match: /\b(?:re|dis)?connect(?:s|ed|ing|ions?)?\b/i,
    why: 'apsd connecting, disconnecting or reporting on its push connection.',
  },
  {
    kind: 'connection',
    match: /\bstream (?:error|event error|closed|ended|failed)\b|\bkeep-?alive\b/i,
    why: 'A network stream error or keep-alive of the push connection.',
  },
];

/** The rule that decides a message's kind, or null for `other`. */
export function findClassificationRule(message: string): ClassificationRule | null {
  return CLASSIFICATION_RULES.find((rule) => rule.match.test(message)) ?? null;
}

/** Messages repeat (the same warning every 90 min), so recent answers are remembered. */
const remembered = new Map<string, LogKind>();
const REMEMBER = 2048;

export function classifyMessage(message: string): LogKind {
  let kind = remembered.get(message);
  if (kind === undefined) {
    kind = findClassificationRule(message)?.kind ?? 'other';
    if (remembered.size >= REMEMBER) remembered.clear();
    if (message.length <= 512) remembered.set(message, kind);
  }
  return kind;
}
