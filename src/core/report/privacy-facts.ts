/** What counts as private on this machine: its names, its user's names and its own addresses. */
import { homedir, hostname, networkInterfaces, userInfo } from 'node:os';
import type { PrivacyFacts } from './redact';

/** Reads host name, user and interface addresses; never throws (a missing piece is just left out). */
export function collectPrivacyFacts(env: NodeJS.ProcessEnv = process.env): PrivacyFacts {
  const host = attempt(hostname, '');
  const hostnames = [host, host.replace(/\.local$/i, ''), host.split('.')[0] ?? ''];

  const user = attempt(() => userInfo(), null);
  // Under sudo the process is root, but the person is SUDO_USER: their name is the private one.
  const usernames = [user?.username ?? env.USER ?? env.LOGNAME ?? '', env.SUDO_USER ?? ''];
  const homeDir = user?.homedir ?? attempt(homedir, '');

  const localAddresses = Object.values(attempt(networkInterfaces, {}))
    .flatMap((entries) => entries ?? [])
    .map((entry) => entry.address);

  return {
    hostnames: distinct(hostnames),
    usernames: distinct(usernames),
    localAddresses: distinct(localAddresses),
    homeDir,
  };
}

function attempt<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

function distinct(values: string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}
