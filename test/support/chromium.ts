/**
 * Debian's Chromium, as every browser test and the popover benchmark start it: Playwright cannot
 * download its own browser on these machines, and a closed network makes Chromium's background
 * traffic fail loudly unless it is turned off.
 */
/** Read without Node's types, so the renderer's browser-typed test support can import it too. */
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
export const CHROMIUM_PATH = env?.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
