/**
 * The diagnostic report: what this Mac's apsd is doing, in Markdown for a forum or Feedback
 * Assistant, or JSON. Private by default: redaction is the last pass over the finished output.
 */
import { countOf } from '../../shared/format';
import type { ProbeResult } from '../../shared/probe';
import type { Snapshot } from '../../shared/snapshot';
import { code, table } from './markdown';
import { createRedactor, type PrivacyFacts } from './redact';
import {
  connectionSection,
  logSection,
  pushClientsSection,
  systemSection,
} from './report-markdown';

export type { PrivacyFacts } from './redact';
export { collectPrivacyFacts } from './privacy-facts';

export interface ReportInput {
  snapshot: Snapshot | null;
  probe: ProbeResult | null;
  appVersion: string;
  format: 'markdown' | 'json';
  /** Keep local addresses, host name and user name; they are replaced by placeholders otherwise. */
  keepPrivate: boolean;
  privacy: PrivacyFacts;
  /** When the report is made (ISO 8601); defaults to now. */
  generatedAt?: string;
}

export function buildReport(input: ReportInput): string {
  const generatedAt = input.generatedAt ?? new Date().toISOString();
  const redact = input.keepPrivate
    ? (text: string) => text
    : createRedactor(input.privacy, input.snapshot);
  if (input.format === 'json') {
    const report = {
      report: 'apsd-watch diagnostic report',
      generatedAt,
      appVersion: input.appVersion,
      redacted: !input.keepPrivate,
      snapshot: input.snapshot,
      probe: input.probe,
    };
    // Every string value passes through the redactor; keys are the app's own fixed names.
    return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? redact(value) : value), 2)}\n`;
  }
  // The heading names the placeholders, so it joins after the redaction pass, which it would
  // otherwise rescan; it holds only the app's own words, times and version.
  return `${heading(input, generatedAt)}\n\n${redact(body(input))}`;
}

function heading(input: ReportInput, generatedAt: string): string {
  return [
    '# apsd-watch diagnostic report',
    '',
    `Generated ${generatedAt} by apsd-watch ${input.appVersion}` +
      (input.snapshot ? ` from a snapshot taken ${input.snapshot.takenAt}.` : '.'),
    input.keepPrivate
      ? 'Private details (local addresses, host name, user name, push topics) are included as measured.'
      : 'Local addresses, the host name, the user name and push topics that name an app, a web site or your MDM are replaced by placeholders such as `<local-ip-1>`, `<host>`, `<user>` and `<private-topic-1>`.',
  ].join('\n');
}

function body(input: ReportInput): string {
  const { snapshot, probe } = input;
  const lines: string[] = [];
  if (!snapshot) lines.push('No live data yet: the engine has not taken a snapshot.', '');
  else
    lines.push(
      ...systemSection(snapshot),
      '',
      ...connectionSection(snapshot),
      '',
      ...logSection(snapshot),
      '',
      ...pushClientsSection(snapshot),
      '',
    );
  lines.push(...probeSection(probe), '');
  if (snapshot) lines.push(...measuredSection(snapshot), '');
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function probeSection(probe: ProbeResult | null): string[] {
  if (!probe) return ['## Certificate probe', '', 'Not run (the probe connects only when asked).'];
  const transport = [probe.protocol, probe.alpn ? `ALPN ${probe.alpn}` : null]
    .filter(Boolean)
    .join(', ');
  return [
    '## Certificate probe',
    '',
    `${code(`${probe.host}:${probe.port}`)} (server name ${code(probe.servername)}) at ${probe.at}${transport ? `, ${transport}` : ''}`,
    '',
    `**${probe.verdict.kind}**: ${probe.verdict.headline}`,
    ...probe.verdict.reasons.map((reason) => `- ${reason}`),
    '',
    probe.chainVerified
      ? `Chain verified to ${probe.trustedRoot ?? 'a trusted root'}.`
      : `Chain not verified${probe.verifyError ? `: ${probe.verifyError}` : ''}.`,
    '',
    ...(probe.chain.length
      ? table(
          ['#', 'subject', 'issuer', 'valid to', 'Apple marker', 'SHA-256'],
          probe.chain.map((certificate, index) => [
            String(index),
            certificate.subject,
            certificate.issuer,
            certificate.validTo,
            certificate.appleMarker ?? '-',
            code(certificate.sha256),
          ]),
        )
      : []),
  ];
}

function measuredSection(snapshot: Snapshot): string[] {
  const { sockets, logs, daemon } = snapshot.source;
  const detail = (text: string | null) => (text ? `; ${text}` : '');
  return [
    '## How this was measured',
    '',
    `- Sockets: ${code(sockets.from)}, ${sockets.status}, ${countOf(sockets.rowsRead, 'row')} read, ${sockets.rowsAttributed} attributed` +
      (sockets.durationMs !== null ? `, took ${Math.round(sockets.durationMs)} ms` : '') +
      (sockets.at ? `, at ${sockets.at}` : '') +
      detail(sockets.detail),
    `- Logs: ${code(logs.from)}, ${logs.status}, ${countOf(logs.linesRead, 'line')} read` +
      (logs.linesNotRead ? `, ${countOf(logs.linesNotRead, 'line')} not read` : '') +
      (logs.firstNotRead
        ? ` (the first: ${logs.firstNotRead.file} line ${logs.firstNotRead.line}: ${code(logs.firstNotRead.text)})`
        : '') +
      detail(logs.detail),
    `- Daemon: ${code(daemon.from)}, ${daemon.status}${detail(daemon.detail)}`,
    ...(snapshot.source.pushClients
      ? [
          `- Push clients: ${code(snapshot.source.pushClients.from)}, ${snapshot.source.pushClients.status}${detail(snapshot.source.pushClients.detail)}`,
        ]
      : []),
    `- Sampled every ${snapshot.intervalSeconds} s; connection ages count from when apsd-watch first saw each connection.`,
    '',
    '## Warnings',
    '',
    ...(snapshot.warnings.length ? snapshot.warnings.map((warning) => `- ${warning}`) : ['None.']),
  ];
}
