/**
 * Whether this machine has a network to reach Apple over: an interface that is not loopback with
 * an address that is not link-local. Enough to tell "apsd is not connected" apart from "this Mac
 * is offline"; it does not prove Apple is reachable.
 */
import { networkInterfaces } from 'node:os';

export function networkIsUp(interfaces = networkInterfaces()): boolean {
  return Object.values(interfaces).some((addresses) =>
    (addresses ?? []).some(
      (address) =>
        !address.internal &&
        !(address.family === 'IPv4' && address.address.startsWith('169.254.')) &&
        !(address.family === 'IPv6' && /^fe80:/i.test(address.address)),
    ),
  );
}
