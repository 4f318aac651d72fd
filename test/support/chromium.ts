/**
 * The Chromium every browser test and the popover benchmark start (scripts/system-tools.mjs finds
 * it: CHROMIUM_PATH, a system Chromium, or Playwright's own), with the flags a closed network and a
 * container need: Chromium's background traffic turned off, no sandbox, no GPU.
 */
import { findChromium, missingToolLine, toolNamed } from '../../scripts/system-tools.mjs';

/** Where none is found, importing this fails in one line naming what to install: never a skip. */
export const CHROMIUM_PATH: string = chromiumPath();

function chromiumPath(): string {
  const path = findChromium();
  if (path === null) throw new Error(missingToolLine(toolNamed('chromium')));
  return path;
}

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
