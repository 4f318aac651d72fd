/** The command registry: one module per command under this folder. */
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
