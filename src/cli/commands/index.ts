/** The command registry: one module per command under this folder. */
import type { CliCommand } from '../command';
import { analyzeNetstatCommand } from './analyze-netstat';
import { explainCommand } from './explain';
import { probeCommand } from './probe';
import { reportCommand } from './report';
import { scanLogsCommand } from './scan-logs';
import { serveCommand } from './serve';
import { statusCommand } from './status';
import { watchCommand } from './watch';

export const commands: CliCommand[] = [
  statusCommand,
  watchCommand,
  analyzeNetstatCommand,
  scanLogsCommand,
  probeCommand,
  explainCommand,
  reportCommand,
  serveCommand,
];
