/**
 * What each kind of log line is called and means, for every face (CLI, popover, report,
 * explainer). The wording stays within docs/sources.md#certificates: the leaf-certificate message
 * is known and was judged benign (cause undocumented); trust failures are what an interception of
 * the push link produced.
 */
import type { LogKind } from './snapshot';

export type KindSeverity = 'benign' | 'serious' | 'info';

export interface KindText {
  label: string;
  severity: KindSeverity;
  meaning: string;
}

export const LOG_KIND_TEXT: Record<LogKind, KindText> = {
  'trust-failure': {
    label: 'Trust failures',
    severity: 'serious',
    meaning:
      'apsd could not verify the certificate it was shown. This is what an interception of the push link looks like.',
  },
  'leaf-certificate': {
    label: 'Unrecognized leaf certificate',
    severity: 'benign',
    meaning:
      'A known message, reported on OS X 10.9 alongside FIN_WAIT_1 pile-ups and judged benign; its cause is not documented. On its own it is not a sign of interception.',
  },
  connection: {
    label: 'Connection events',
    severity: 'info',
    meaning: 'apsd connecting, reconnecting or closing its link to Apple.',
  },
  other: {
    label: 'Other lines',
    severity: 'info',
    meaning: 'Not classified; kept for context.',
  },
};

export const SEVERITY_WORDS: Record<KindSeverity, string> = {
  serious: 'Serious',
  benign: 'Benign',
  info: 'Info',
};

/** Serious first, so a trust failure is never below the fold. */
export const LOG_KIND_ORDER: readonly LogKind[] = [
  'trust-failure',
  'leaf-certificate',
  'connection',
  'other',
];
