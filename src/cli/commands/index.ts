/**
 * The command registry: the one place that names each command and says what it does. A command's
 * module (options and run) is imported only when that command runs, so `--version`, `--help` and
 * each command load no more than they use (the bundle is split per command, scripts/build-cli.mjs).
 */
import type { CliCommand } from '../command';

export interface CommandEntry {
  name: string;
  /** One line for `apsd-watch help`. */
  summary: string;
  load(): Promise<CliCommand>;
}

export const commands: CommandEntry[] = [
  {
    name: 'status',
    summary:
      "Sample apsd's connections now, with the last 24 h of its log lines where this Mac has them.",
    load: async () => (await import('./status')).statusCommand,
  },
  {
    name: 'watch',
    summary: 'A live terminal view, refreshed every interval; Ctrl-C exits.',
    load: async () => (await import('./watch')).watchCommand,
  },
  {
    name: 'analyze-netstat',
    summary:
      'Analyse a saved `netstat -an`, `-An` or `-anv` output (any macOS era) or `ss -tan` output.',
    load: async () => (await import('./analyze-netstat')).analyzeNetstatCommand,
  },
  {
    name: 'scan-logs',
    summary:
      'Classify apsd lines in system.log files, .gz archives, or `log show --style ndjson|json` exports.',
    load: async () => (await import('./scan-logs')).scanLogsCommand,
  },
  {
    name: 'probe',
    summary: "Connect once to Apple's push server and check the certificate chain it presents.",
    load: async () => (await import('./probe')).probeCommand,
  },
  {
    name: 'doctor',
    summary:
      'Check the push network as Apple defines it: proxy, courier names, TCP 5223 and 443, TLS inspection.',
    load: async () => (await import('./doctor')).doctorCommand,
  },
  {
    name: 'explain',
    summary:
      'Answer: what is apsd for, is it working, is this an attack, how to check, restart or stop it.',
    load: async () => (await import('./explain')).explainCommand,
  },
  {
    name: 'report',
    summary:
      'Write a Markdown (or --json) diagnostic report; local addresses, host and user names are redacted unless --keep-private.',
    load: async () => (await import('./report')).reportCommand,
  },
  {
    name: 'redact',
    summary:
      "Print a capture (netstat, log show, apsctl status) with this Mac's local addresses, host and user names replaced, as the report does.",
    load: async () => (await import('./redact')).redactCommand,
  },
  {
    name: 'serve',
    summary:
      'Serve the browser dashboard on 127.0.0.1 (loopback only), and Prometheus /metrics if asked, until Ctrl-C.',
    load: async () => (await import('./serve')).serveCommand,
  },
  {
    name: 'metrics',
    summary:
      "Sample once and print Prometheus metrics, or write them atomically for node_exporter's textfile collector.",
    load: async () => (await import('./metrics')).metricsCommand,
  },
];
