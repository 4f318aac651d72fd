/**
 * The socket sampler the engine runs for a set of rules. Owners cost a full table with `ss -p`
 * on Linux, so they are asked for only while a watched process may be running; and ss asks the
 * kernel for the watched peer ports only, so a sample does not grow with every socket on the
 * machine (bench/RESULTS.md, section 1).
 */
import type { WatchRules } from '../../shared/settings';
import type { SocketSamplerOptions } from '../sockets/socket-sampler';

export function samplerOptionsFor(
  rules: WatchRules,
  daemonMayRun: boolean,
  platform: NodeJS.Platform,
): SocketSamplerOptions {
  const needProcessNames =
    rules.processes.length > 1 || (rules.processes.length === 1 && daemonMayRun);
  return { platform, needProcessNames, peerPorts: rules.peerPorts };
}
