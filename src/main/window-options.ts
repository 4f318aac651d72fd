/**
 * Where the built renderer and preload live, and the one set of webPreferences every app window
 * uses: an isolated, sandboxed page with no Node access that throttles when hidden.
 */
import type { WebPreferences } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** out/main, where electron-vite puts this bundle; the renderer and preload are its siblings. */
const outMain = dirname(fileURLToPath(import.meta.url));

/** Served as apsd-watch://bundle/ (bundle-protocol.ts). */
export const RENDERER_DIR = join(outMain, '..', 'renderer');

/** electron-vite builds the preload as CommonJS; a sandboxed preload cannot be an ES module. */
const PRELOAD_PATH = join(outMain, '..', 'preload', 'index.cjs');

export function secureWebPreferences(): WebPreferences {
  return {
    preload: PRELOAD_PATH,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    backgroundThrottling: true,
    spellcheck: false,
  };
}
