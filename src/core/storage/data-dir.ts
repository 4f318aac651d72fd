/** Where apsd-watch keeps its history and settings: each platform's usual per-user data place. */
import { mkdir } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { errorLine } from '../../shared/error-line';

const APP_DIR_NAME = 'apsd-watch';

/**
 * macOS `~/Library/Application Support/apsd-watch`; Windows `%APPDATA%\apsd-watch`; elsewhere
 * `$XDG_DATA_HOME/apsd-watch` or `~/.local/share/apsd-watch`. Pure, so every platform is testable.
 */
export function defaultDataDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  homedir: string,
): string {
  if (platform === 'darwin')
    return posix.join(homedir, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') {
    const appData = env.APPDATA && win32.isAbsolute(env.APPDATA) ? env.APPDATA : null;
    return win32.join(appData ?? win32.join(homedir, 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  // The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : null;
  return posix.join(xdg ?? posix.join(homedir, '.local', 'share'), APP_DIR_NAME);
}

/** Creates the directory (owner-only: the history shows when the user's Mac was awake). */
export async function ensureDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new Error(`cannot create data directory ${dir}: ${errorLine(error)}`, { cause: error });
  }
}
