/**
 * The command registry: the one place that names each command and says what it does. A command's
 * module (arguments, flags, notes and run) is imported only when that command runs, so `--version`, `--help` and
 * each command load no more than they use (the bundle is split per command, scripts/build-cli.mjs).
 */
import type { CliCommand } from '../command';

export interface CommandEntry {
  name: string;
  /** One line for `apsd-watch help` and the README's table (at most 78 characters). */
  summary: string;
  load(): Promise<CliCommand>;
}

export const commands: CommandEntry[] = [
  {
    name: 'status',
    summary: "Sample apsd's connections now, with its log lines of the last 24 h.",
    load: async () => (await import('./status')).statusCommand,
  },
  {
    name: 'services',
    summary: 'Services using push here (apsctl status): connected or not, last push.',
    load: async () => (await import('./services')).servicesCommand,
  },
  {
    name: 'watch',
    summary: 'A live terminal view, refreshed every interval, until Ctrl-C.',
    load: async () => (await import('./watch')).watchCommand,
  },
  {
    name: 'analyze-netstat',
    summary: 'Analyse a saved socket table: netstat, ss, lsof, nettop or /proc/net/tcp.',
    load: async () => (await import('./analyze-netstat')).analyzeNetstatCommand,
  },
  {
    name: 'scan-logs',
    summary: "Classify apsd's lines in saved or pasted logs, in every format read.",
    load: async () => (await import('./scan-logs')).scanLogsCommand,
  },
  {
    name: 'probe',
    summary: "Connect once to Apple's push server and check its certificate chain.",
    load: async () => (await import('./probe')).probeCommand,
  },
  {
    name: 'doctor',
    summary: 'Check the push path: proxy, courier names, TCP 5223 and 443, TLS inspection.',
    load: async () => (await import('./doctor')).doctorCommand,
  },
  {
    name: 'explain',
    summary: 'Answer what apsd is for, whether it works, and how to check it, with evidence.',
    load: async () => (await import('./explain')).explainCommand,
  },
  {
    name: 'report',
    summary: 'Write a diagnostic report (Markdown or JSON), redacted unless --keep-private.',
    load: async () => (await import('./report')).reportCommand,
  },
  {
    name: 'redact',
    summary: "Print a capture with this Mac's addresses, host and user names redacted.",
    load: async () => (await import('./redact')).redactCommand,
  },
  {
    name: 'serve',
    summary: 'Serve the dashboard on 127.0.0.1, and Prometheus /metrics if asked.',
    load: async () => (await import('./serve')).serveCommand,
  },
  {
    name: 'metrics',
    summary: 'Sample once and print Prometheus metrics, or write a node_exporter textfile.',
    load: async () => (await import('./metrics')).metricsCommand,
  },
];
