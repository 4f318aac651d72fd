/** `apsd-watch probe`: one TLS connection to Apple's push server, on request, and its verdict. */
import { PROBE_DEFAULTS, probeCertificates } from '../../core/probe/probe-certificates';
import { requestArgSchemas } from '../../shared/request-args';
import type { ProbeCertificate, ProbeRequest, ProbeResult } from '../../shared/probe';
import { UsageError, type CliCommand, type ParsedValues } from '../command';
import { MAX_PORT } from '../../shared/port';

const MAX_TIMEOUT_SECONDS = 120;

export const probeCommand: CliCommand = {
  flags: {
    host: { value: 'H', description: 'The server to dial.', default: PROBE_DEFAULTS.host },
    port: { value: 'P', description: 'The port to dial.', default: String(PROBE_DEFAULTS.port) },
    servername: {
      value: 'S',
      description: 'The TLS server name sent (SNI).',
      default: PROBE_DEFAULTS.servername,
    },
    timeout: {
      value: 'SECONDS',
      description: `Give up after this long, at most ${MAX_TIMEOUT_SECONDS}.`,
      default: String(PROBE_DEFAULTS.timeoutMs / 1000),
    },
    json: { description: 'Print the full result as JSON.' },
  },
  notes: ['It connects to the network only when you run it, and to that one server only.'],
  async run(values, _positionals, io) {
    const request = probeRequestFromFlags(values);
    const timeoutMs = timeoutFromFlag(values.timeout);
    const result = await probeCertificates(request, { timeoutMs });
    io.stdout.write(
      values.json ? `${JSON.stringify(result, null, 2)}\n` : renderProbeResult(result),
    );
    return 0;
  },
};

/** Checks the flags with the same schema the app's `probe:run` channel uses. */
function probeRequestFromFlags(values: ParsedValues): ProbeRequest {
  const request: ProbeRequest = {};
  if (typeof values.host === 'string') request.host = values.host;
  if (typeof values.servername === 'string') request.servername = values.servername;
  if (typeof values.port === 'string') {
    if (!/^\d{1,5}$/.test(values.port))
      throw new UsageError(`--port must be a number from 1 to ${MAX_PORT}, not '${values.port}'`);
    request.port = Number(values.port);
  }
  const parsed = requestArgSchemas['probe:run'].safeParse([request]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = String(issue.path[1] ?? 'host');
    const shown = String(request[flag as keyof ProbeRequest] ?? '');
    const reason = flag === 'port' ? `must be from 1 to ${MAX_PORT}` : 'is not a host name';
    throw new UsageError(`--${flag} ${reason}: '${shown.slice(0, 80)}'`);
  }
  return request;
}

function timeoutFromFlag(value: ParsedValues[string]): number {
  if (typeof value !== 'string') return PROBE_DEFAULTS.timeoutMs;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_SECONDS))
    throw new UsageError(
      `--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, not '${value}'`,
    );
  return Math.round(seconds * 1000);
}

/** Verdict line, reasons, then the chain as an aligned table and its fingerprints. */
export function renderProbeResult(result: ProbeResult): string {
  const lines = [
    result.verdict.headline,
    ...result.verdict.reasons.map((reason) => `  - ${reason}`),
  ];
  lines.push(
    '',
    `Probed ${result.host}:${result.port} (server name ${result.servername}) at ${result.at}` +
      (result.protocol ? `, ${result.protocol}` : '') +
      (result.alpn ? `, ALPN ${result.alpn}` : ''),
  );
  if (result.chain.length === 0) return `${lines.join('\n')}\n`;
  lines.push(
    result.chainVerified
      ? `Chain verified to ${result.trustedRoot ?? 'a trusted root'}.`
      : `Chain not verified: ${result.verifyError ?? 'unknown reason'}.`,
    '',
  );
  const rows = result.chain.map((certificate, index) => [
    String(index),
    role(certificate, index),
    commonNameOf(certificate.subject),
    commonNameOf(certificate.issuer),
    certificate.validTo.slice(0, 10),
    certificate.appleMarker ?? '-',
    [...certificate.keyUsage, ...(certificate.extendedKeyUsage ?? [])].join(' ') || '-',
    certificate.sans.join(' ') || '-',
  ]);
  lines.push(
    ...alignedTable(
      ['#', 'role', 'subject', 'issuer', 'valid to', 'Apple marker', 'usage', 'names'],
      rows,
    ),
    '',
    'SHA-256 fingerprints:',
    ...result.chain.map((certificate, index) => `  ${index}  ${certificate.sha256}`),
  );
  return `${lines.join('\n')}\n`;
}

function role(certificate: ProbeCertificate, index: number): string {
  if (index === 0) return 'leaf';
  return certificate.selfSigned ? 'root' : 'intermediate';
}

/** `O=Apple Inc., CN=Apple Server Authentication CA` -> the CN; the whole name when it has none. */
function commonNameOf(name: string): string {
  const match = /(?:^|, )CN=(.*?)(?:, [A-Za-z.]+=|$)/.exec(name);
  return match?.[1] ?? name;
}

/** Columns padded to their widest cell; the last column is left ragged. */
function alignedTable(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  return all.map((row) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}
