/**
 * The explainer: the six questions the owner of a worried Mac asked, answered from the public
 * sources (docs/sources.md) and this Mac's live Snapshot. Pure, so every side can use it.
 */
import { EXPLAINER_CONTENT, type ExplainerSectionId } from './explainer-content';
import {
  NO_LIVE_DATA,
  connectionEvidence,
  daemonEvidence,
  logEvidence,
  probeEvidence,
  servicesEvidence,
  sourceEvidence,
  unread,
} from './explainer-evidence';
import type { ProbeResult } from './probe';
import type { Snapshot } from './snapshot';

export interface ExplainerCommand {
  /** What the command shows, in a few words. */
  label: string;
  /** Exactly what to paste into Terminal. */
  command: string;
}

export interface ExplainerSection {
  id: ExplainerSectionId;
  question: string;
  /** A few plain sentences. */
  answer: string[];
  /** Live lines from this Mac's snapshot (and the last probe), or "No live data yet." */
  evidence: string[];
  commands: ExplainerCommand[];
  /** What is not known. */
  caveats: string[];
}

/** Sections in the order the questions were asked. */
export function buildExplainer(
  snapshot: Snapshot | null,
  probe?: ProbeResult | null,
): ExplainerSection[] {
  const evidence = (id: ExplainerSectionId): string[] => {
    if (!snapshot)
      return id === 'is-it-an-attack' && probe
        ? [NO_LIVE_DATA, ...probeEvidence(probe, null)]
        : [NO_LIVE_DATA];
    switch (id) {
      case 'how-it-works':
        return [...daemonEvidence(snapshot), ...stateCounts(snapshot)];
      case 'who-needs-it':
        return [...servicesEvidence(snapshot), ...daemonEvidence(snapshot)];
      case 'is-it-working':
        return [
          ...daemonEvidence(snapshot),
          ...connectionEvidence(snapshot),
          ...logEvidence(snapshot),
          ...(snapshot.verdict.headline
            ? [`This app's verdict: ${snapshot.verdict.headline}`]
            : []),
        ];
      case 'is-it-an-attack':
        return [...logEvidence(snapshot), ...probeEvidence(probe, snapshot.takenAt)];
      case 'check-by-hand':
        return sourceEvidence(snapshot);
      case 'restart':
        return daemonEvidence(snapshot);
      case 'stop-for-good':
        return [...systemEvidence(snapshot), ...trustHint(snapshot)];
    }
  };
  return EXPLAINER_CONTENT.map((content) => ({ ...content, evidence: evidence(content.id) }));
}

/** "apsd has 304 connections now: 1 ESTABLISHED, 303 FIN_WAIT_1." */
function stateCounts(snapshot: Snapshot): string[] {
  const { total, byState } = snapshot.connections;
  if (unread(snapshot.source.sockets.status)) return [];
  const parts = Object.entries(byState)
    .filter(([, count]) => (count ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([state, count]) => `${count} ${state}`);
  return [
    `apsd has ${total} connection${total === 1 ? '' : 's'} now${parts.length ? `: ${parts.join(', ')}` : ''}.`,
  ];
}

/** The OS, because what can be stopped depends on the release (SIP since 10.11). */
function systemEvidence(snapshot: Snapshot): string[] {
  const { platform, osName, osVersion } = snapshot.host;
  if (platform !== 'darwin')
    return [`This computer is not a Mac (${platform}): apsd does not run here.`];
  const name = `${osName ?? 'macOS'} ${osVersion ?? '(version unknown)'}`;
  const [major = Number.NaN, minor = 0] = (osVersion ?? '').split('.').map(Number);
  if (major >= 14)
    return [
      `This Mac runs ${name}: whether apsd can be stopped with SIP on is not confirmed for it.`,
    ];
  if (major > 10 || (major === 10 && minor >= 11))
    return [
      `This Mac runs ${name}: System Integrity Protection blocks changes to system daemons such as apsd unless SIP is turned off.`,
    ];
  return [`This Mac runs ${name}.`];
}

function trustHint(snapshot: Snapshot): string[] {
  const failures = snapshot.logs.byKind['trust-failure'];
  if (failures === 0) return [];
  return [
    `${failures} trust failure${failures === 1 ? '' : 's'} seen: something between this Mac and Apple may be intercepting the connection; look there rather than stopping apsd.`,
  ];
}
