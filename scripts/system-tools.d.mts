/** Types for scripts/system-tools.mjs, for the TypeScript test support that imports it. */
export type Platform = 'linux' | 'darwin';

export interface SystemTool {
  name: string;
  usedBy: string;
  platforms: Platform[];
  commands?: string[];
  find?: () => string | null;
  debian: string[] | null;
  brew: string | null;
  installer?: 'playwright' | 'npm';
}

export const SYSTEM_TOOLS: SystemTool[];
export const SQUID_CERTGEN: string;
export function findCommand(
  names: string[],
  env?: Record<string, string | undefined>,
): string | null;
export function findChromium(env?: Record<string, string | undefined>): string | null;
export function toolNamed(name: string): SystemTool;
export function locate(tool: SystemTool): string | null;
export function installCommandFor(
  tools: SystemTool[],
  where: { platform: 'debian' | 'macos' | 'other'; root: boolean },
): string;
export function thisPlatform(): 'debian' | 'macos' | 'other';
export function missingToolLine(tool: SystemTool): string;
export function requireTool(name: string): string;
