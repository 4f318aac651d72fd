/** Which OS this is, in the words its vendor uses: `sw_vers` on macOS, /etc/os-release on Linux. */
import { readFile } from 'node:fs/promises';
import { release, type } from 'node:os';
import type { HostInfo } from '../../shared/snapshot';
import { runCommand } from '../exec/run-command';

/** `sw_vers` prints `ProductName:\tmacOS` and `ProductVersion:\t26.1` lines. Pure. */
export function parseSwVers(text: string): { osName: string | null; osVersion: string | null } {
  const field = (key: string) => new RegExp(`^${key}:\\s*(.+?)\\s*$`, 'm').exec(text)?.[1] ?? null;
  return { osName: field('ProductName'), osVersion: field('ProductVersion') };
}

/** os-release(5): `NAME="Debian GNU/Linux"` and `VERSION_ID="12"`, quotes optional. Pure. */
export function parseOsRelease(text: string): { osName: string | null; osVersion: string | null } {
  const field = (key: string) => {
    const raw = new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1]?.trim();
    return raw ? raw.replace(/^(["'])(.*)\1$/, '$2') || null : null;
  };
  return { osName: field('NAME'), osVersion: field('VERSION_ID') };
}

/** Never throws: what cannot be read is null (and is asked again at the next check). */
export async function readHostInfo(
  platform: NodeJS.Platform,
  timeoutMs: number,
): Promise<HostInfo> {
  try {
    if (platform === 'darwin') {
      const { stdout } = await runCommand('sw_vers', [], { timeoutMs });
      return { platform, ...parseSwVers(stdout) };
    }
    if (platform === 'linux') {
      const text = await readFile('/etc/os-release', 'utf8').catch(() =>
        readFile('/usr/lib/os-release', 'utf8'),
      );
      return { platform, ...parseOsRelease(text) };
    }
    return { platform, osName: type(), osVersion: release() };
  } catch {
    return { platform, osName: null, osVersion: null };
  }
}
