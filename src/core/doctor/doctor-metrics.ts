/**
 * The push-path check as Prometheus metrics, for `doctor --textfile` (node_exporter's textfile
 * collector). Low-cardinality: one series per path and one for interception, never a host, an
 * address or an issuer name.
 */
import { Gauge, Registry } from 'prom-client';
import { PUSH_PATHS, type DoctorResult } from '../../shared/doctor';

export async function doctorMetricsText(result: DoctorResult): Promise<string> {
  const registry = new Registry();
  const pathOk = new Gauge({
    name: 'apsd_push_path_ok',
    help: "1 when the path reached Apple's push service with Apple's own TLS chain at the last check, 0 when not (or not tried).",
    labelNames: ['path'],
    registers: [registry],
  });
  for (const path of PUSH_PATHS) pathOk.set({ path }, result.pathOk[path] ? 1 : 0);
  new Gauge({
    name: 'apsd_push_path_intercepted',
    help: "Whether any path presented a TLS chain other than Apple's push chain (TLS inspection) at the last check: 1 yes, 0 no.",
    registers: [registry],
  }).set(result.intercepted ? 1 : 0);
  new Gauge({
    name: 'apsd_push_path_check_timestamp_seconds',
    help: 'When the last push-path check ran (Unix time).',
    registers: [registry],
  }).set(Date.parse(result.at) / 1000);
  return registry.metrics();
}
