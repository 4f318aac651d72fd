/** The command registry: one module per command under this folder. */
import type { CliCommand } from '../command';
import { probeCommand } from './probe';

export const commands: CliCommand[] = [probeCommand];
