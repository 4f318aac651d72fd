/** `apsd-watch doctor`: the push-path check, on request, in text, JSON or a metrics textfile. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { doctorMetricsText } from '../../core/doctor/doctor-metrics';
import { DOCTOR_DEFAULTS, runDoctor } from '../../core/doctor/run-doctor';
import { writeFileAtomic } from '../../core/storage/atomic-file';
import { DOCTOR_NETWORK_NOTICE, type DoctorResult } from '../../shared/doctor';
import { errorLine } from '../../shared/error-line';
import { UsageError, type CliCommand, type ParsedValues } from '../command';

const MAX_STEP_SECONDS = 60;
const MAX_TOTAL_SECONDS = 300;

export const doctorCommand: CliCommand = {
  flags: {
    json: { description: 'Print the full result as JSON.' },
    textfile: {
      value: 'FILE',
      description:
        "Also write apsd_push_path_ok{path} and apsd_push_path_intercepted to FILE (a *.prom in node_exporter's textfile directory), atomically.",
    },
    timeout: {
      value: 'SECONDS',
      description: `The whole check's limit, at most ${MAX_TOTAL_SECONDS}.`,
      default: String(DOCTOR_DEFAULTS.totalTimeoutMs / 1000),
    },
    'step-timeout': {
      value: 'SECONDS',
      description: `Each lookup, dial or handshake's limit, at most ${MAX_STEP_SECONDS}.`,
      default: String(DOCTOR_DEFAULTS.stepTimeoutMs / 1000),
    },
    'trust-root': {
      value: 'PEM',
      description: "Also trust this root (a PEM file) as Apple's, e.g. a test network's.",
    },
    scutil: {
      value: 'PATH',
      description: 'Read the proxy settings with this program.',
      default: '/usr/sbin/scutil',
    },
  },
  notes: [
    'It contacts the network only when you run it: name lookups, TCP 5223 and 443 to Apple, any proxy the settings name, and TLS. Never on a timer unless you schedule it.',
  ],
  async run(values, _positionals, io) {
    const totalTimeoutMs = secondsFlag(
      values.timeout,
      '--timeout',
      MAX_TOTAL_SECONDS,
      DOCTOR_DEFAULTS.totalTimeoutMs,
    );
    const stepTimeoutMs = secondsFlag(
      values['step-timeout'],
      '--step-timeout',
      MAX_STEP_SECONDS,
      DOCTOR_DEFAULTS.stepTimeoutMs,
    );
    const textfile = typeof values.textfile === 'string' ? resolve(values.textfile) : null;
    let ca: string[] | undefined;
    if (typeof values['trust-root'] === 'string') {
      try {
        ca = [await readFile(values['trust-root'], 'utf8')];
      } catch (error) {
        throw new UsageError(`--trust-root: ${errorLine(error)}`);
      }
    }
    // Said first, on stderr, so JSON and the textfile stay clean.
    io.stderr.write(`${DOCTOR_NETWORK_NOTICE}\n`);
    const result = await runDoctor({
      totalTimeoutMs,
      stepTimeoutMs,
      ca,
      env: io.env,
      ...(typeof values.scutil === 'string' ? { scutilBinary: values.scutil } : {}),
    });
    io.stdout.write(
      values.json ? `${JSON.stringify(result, null, 2)}\n` : renderDoctorResult(result),
    );
    if (textfile) {
      if (!textfile.endsWith('.prom'))
        io.stderr.write(
          `apsd-watch doctor: warning: node_exporter's textfile collector reads only *.prom files; ${textfile} will be ignored by it\n`,
        );
      await writeFileAtomic(textfile, await doctorMetricsText(result), { mode: 0o644 });
    }
    return 0;
  },
};

function secondsFlag(
  value: ParsedValues[string],
  flag: string,
  max: number,
  fallbackMs: number,
): number {
  if (typeof value !== 'string') return fallbackMs;
  const seconds = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= max))
    throw new UsageError(
      `${flag} must be a number of seconds above 0 and at most ${max}, not '${value.slice(0, 40)}'`,
    );
  return Math.round(seconds * 1000);
}

const MARK: Record<DoctorResult['steps'][number]['status'], string> = {
  ok: 'ok     ',
  warning: 'WARN   ',
  failed: 'FAIL   ',
  'not-run': 'not run',
  info: 'info   ',
};

/** Summary first, its next step, then each step with its lines and timing. */
export function renderDoctorResult(result: DoctorResult): string {
  const lines = [result.summary.headline, `Next step: ${result.summary.nextStep}`, ''];
  result.steps.forEach((step, index) => {
    lines.push(`${index + 1}. ${MARK[step.status]}  ${step.title} (${step.ms} ms)`);
    for (const line of step.lines) lines.push(`     ${line}`);
  });
  lines.push('', `Checked at ${result.at} in ${result.totalMs} ms.`);
  return `${lines.join('\n')}\n`;
}
