/** The probe's verdict and the certificate chain the server presented, leaf first. */
import type { ProbeCertificate, ProbeResult } from '../../shared/probe';
import { formatClock, formatDate } from '../../shared/format';

const MARKER_WORDS = {
  leaf: "Apple's push leaf marker",
  intermediate: "Apple's push intermediate marker",
} as const;

/** The CN (or first attribute) of a distinguished name, for a short line. */
function commonName(name: string): string {
  return /CN=([^,/]+)/.exec(name)?.[1]?.trim() ?? name;
}

function CertificateItem({ cert }: { cert: ProbeCertificate }) {
  return (
    <li className="cert" data-testid="probe-certificate">
      <p className="cert-name" title={cert.subject}>
        {commonName(cert.subject)}
      </p>
      <p className="cert-line">Issued by {commonName(cert.issuer)}</p>
      <p className="cert-line">
        Valid {formatDate(cert.validFrom)} to {formatDate(cert.validTo)}
        {cert.appleMarker ? ` · ${MARKER_WORDS[cert.appleMarker]}` : ''}
      </p>
      {cert.sans.length > 0 ? (
        <p className="cert-line" title={cert.sans.join(', ')}>
          Names: {cert.sans.slice(0, 3).join(', ')}
          {cert.sans.length > 3 ? ` and ${cert.sans.length - 3} more` : ''}
        </p>
      ) : null}
      <p className="cert-line mono cert-hash" title={cert.sha256}>
        SHA-256 {cert.sha256}
      </p>
    </li>
  );
}

export function ProbeResultView({ result }: { result: ProbeResult }) {
  const { verdict } = result;
  return (
    <section
      className="probe-result"
      aria-label="Certificate check result"
      data-testid="probe-result"
      data-verdict={verdict.kind}
    >
      <p className="probe-headline" data-verdict={verdict.kind}>
        {verdict.headline}
      </p>
      <ul className="reasons probe-reasons">
        {verdict.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <p className="cert-line">
        {result.host}:{result.port} as {result.servername} at {formatClock(result.at)}
        {result.protocol ? ` · ${result.protocol}` : ''}
        {result.alpn ? ` · ALPN ${result.alpn}` : ''}
      </p>
      <p
        className="cert-line"
        data-testid="probe-chain-verified"
        data-verified={result.chainVerified}
      >
        {result.chainVerified
          ? 'The chain verified against the system’s trusted roots.'
          : `The chain did not verify${result.verifyError ? `: ${result.verifyError}` : '.'}`}
      </p>
      {result.chain.length > 0 ? (
        <ol className="chain" aria-label="Certificate chain, leaf first">
          {result.chain.map((cert) => (
            <CertificateItem key={cert.sha256} cert={cert} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
