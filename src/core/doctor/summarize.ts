/**
 * The push-path check's one summary and the admin's next step, worded from what Apple asks of
 * networks (docs/sources.md, "The push path"): 5223 outbound to 17.0.0.0/8, 443 as the fallback,
 * proxies only if they pass push traffic through, and no TLS inspection for Apple's hosts.
 */
import type {
  DoctorResult,
  NameAnswer,
  PathAttempt,
  ProxyFindings,
  PushPath,
} from '../../shared/doctor';

interface SummaryInput {
  paths: PathAttempt[];
  names: NameAnswer[];
  proxy: ProxyFindings;
  pathOk: Record<PushPath, boolean>;
}

const EXEMPT = 'exempt *.push.apple.com (and 17.0.0.0/8) from inspection';

export function summarize({ paths, names, proxy, pathOk }: SummaryInput): DoctorResult['summary'] {
  const interception = paths.find((attempt) => attempt.tls?.kind === 'intercepted');
  if (interception?.tls) {
    const { issuerOrganization, issuerCommonName, productHint } = interception.tls;
    const issuer =
      [issuerOrganization, issuerCommonName].filter(Boolean).join(' / ') || 'an unnamed issuer';
    const where = interception.proxy
      ? `the proxy ${interception.proxy}`
      : `the network on port ${interception.port}`;
    return {
      kind: 'intercepted',
      headline: `intercepted by ${issuer}: Apple services fail through TLS inspection; ${EXEMPT}`,
      nextStep:
        `On ${where}${productHint ? ` (the issuer reads like ${productHint}; a hint, not proof)` : ''}, ` +
        `${EXEMPT}, so push traffic passes through without being decrypted. Apple says its services fail any connection that uses HTTPS interception, and apsd checks the server against Apple's push CA, so no trusted root installed on the Mac makes it work.`,
    };
  }

  const outside = names.filter((answer) => answer.outside.length > 0);
  const dnsNote =
    outside.length > 0
      ? ` ${outside[0]!.host} resolves to ${outside[0]!.outside[0]}, outside Apple's 17.0.0.0/8: check DNS filtering for *.push.apple.com.`
      : '';

  if (pathOk.direct_5223 || pathOk.proxy_5223) {
    const via = pathOk.direct_5223 ? '' : ` (through the proxy ${proxy.chosen?.proxy ?? ''})`;
    return {
      kind: 'open-5223',
      headline: `push path open on 5223${via}`,
      nextStep:
        'Nothing to change on the network. If pushes still fail, look at the Mac: `apsd-watch status` and `apsd-watch explain`.' +
        dnsNote,
    };
  }

  if (pathOk.direct_443 || pathOk.proxy_443) {
    const throughProxy = !pathOk.direct_443;
    const proxy5223 = paths.find((attempt) => attempt.path === 'proxy_5223');
    const proxyRefuses5223 =
      proxy5223 && (proxy5223.outcome === 'forbidden' || proxy5223.outcome === 'other-status');
    const via = throughProxy
      ? ` (through the proxy ${proxy.chosen?.proxy ?? ''}${proxyRefuses5223 ? ', which refuses CONNECT to 5223' : ''})`
      : '';
    const steps = [
      'Allow outbound TCP 5223 to 17.0.0.0/8 on the firewall: Apple asks for it, and 443 is only the fallback.',
    ];
    if (throughProxy && proxyRefuses5223)
      steps.push(
        "On the proxy, allow CONNECT to port 5223 for *.push.apple.com (a stock squid allows CONNECT only to 443, 'http_access deny CONNECT !SSL_ports'), or let the Mac reach 17.0.0.0/8 on 5223 directly.",
      );
    return {
      kind: 'fallback-443',
      headline: `5223 blocked, 443 fallback works: push works, with more delay and battery${via}`,
      nextStep: steps.join(' ') + dnsNote,
    };
  }

  const failures = paths.map((attempt) => attempt.outcome);
  const why: string[] = [];
  if (names.length > 0 && names.every((answer) => answer.error))
    why.push('no courier name resolved: check DNS for *.push.apple.com');
  if (failures.includes('refused')) why.push('a firewall refuses the connections (reset)');
  if (failures.includes('timed-out')) why.push('a firewall drops them (timed out)');
  if (failures.includes('no-route')) why.push('there is no route to 17.0.0.0/8');
  if (failures.includes('forbidden')) why.push('the proxy refuses CONNECT (403)');
  if (failures.includes('auth-required'))
    why.push('the proxy wants authentication (407), which apsd cannot give');
  if (failures.includes('proxy-unreachable')) why.push('the proxy cannot be reached');
  return {
    kind: 'blocked',
    headline: "blocked: no path to Apple's push service",
    nextStep:
      `Allow outbound TCP 5223 and 443 to 17.0.0.0/8 (Apple's push hosts are N-courier.push.apple.com, N = 1 to 50)` +
      (why.length > 0 ? `; here ${why.join('; ')}` : '') +
      '. A proxy is used only if it passes push traffic through without decrypting it.' +
      dnsNote,
  };
}
