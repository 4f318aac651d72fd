#!/usr/bin/env node
// Asserts every fuse of a packaged app: `node scripts/check-fuses.mjs dist/mac-arm64/apsd-watch.app`.
// electron-builder.yml's `electronFuses` owns the eight fuses @electron/fuses names; the wire's
// later fuses, which electron-builder 26 cannot set, must keep the state below. A fuse this check
// does not know fails it, so an Electron upgrade that adds one gets a decision, not a shrug.
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants.js';
import { getConfig } from 'app-builder-lib/out/util/config/config.js';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Fuses past @electron/fuses 1.8's names (electron/electron build/fuses/fuses.json5). */
export const UNNAMED_FUSES = {
  // wasm_trap_handlers: Electron's default (on); V8's faster, guarded WebAssembly bounds checks.
  8: { name: 'wasm_trap_handlers', state: FuseState.ENABLE },
};

const STATE_NAMES = {
  [FuseState.ENABLE]: 'on',
  [FuseState.DISABLE]: 'off',
  [FuseState.REMOVED]: 'removed',
};
const stateName = (state) => STATE_NAMES[state] ?? `0x${Number(state).toString(16)}`;

/** electronFuses key (runAsNode) -> wire index (FuseV1Options.RunAsNode). */
function indexOfKey(key) {
  const index = FuseV1Options[key[0].toUpperCase() + key.slice(1)];
  if (typeof index !== 'number')
    throw new Error(`electronFuses.${key} is not a fuse @electron/fuses knows`);
  return index;
}

/** The expected state of every fuse index, from electron-builder.yml plus UNNAMED_FUSES. */
export async function expectedFuses(projectDir) {
  const config = await getConfig(projectDir, null, null);
  const expected = new Map();
  for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
    if (key === 'resetAdHocDarwinSignature') continue; // a step, not a fuse
    expected.set(indexOfKey(key), {
      name: key,
      state: value ? FuseState.ENABLE : FuseState.DISABLE,
    });
  }
  for (const [index, fuse] of Object.entries(UNNAMED_FUSES)) expected.set(Number(index), fuse);
  return expected;
}

/** One line per fuse that differs from what is expected, or that nobody decided; [] when all match. */
export async function fuseProblems(appPath, projectDir) {
  const expected = await expectedFuses(projectDir);
  const wire = await getCurrentFuseWire(appPath);
  const problems = [];
  const indexes = Object.keys(wire)
    .filter((key) => key !== 'version')
    .map(Number);
  for (const index of indexes) {
    const want = expected.get(index);
    if (!want) problems.push(`fuse ${index} is ${stateName(wire[index])} and no one decided it`);
    else if (wire[index] !== want.state)
      problems.push(`${want.name} is ${stateName(wire[index])}, expected ${stateName(want.state)}`);
  }
  for (const [index, want] of expected)
    if (!indexes.includes(index))
      problems.push(`${want.name} (fuse ${index}) is not in this binary`);
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const appPath = process.argv[2];
  if (!appPath) {
    console.error('usage: node scripts/check-fuses.mjs <path to the .app>');
    process.exit(2);
  }
  const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..');
  const problems = await fuseProblems(appPath, projectDir);
  for (const line of problems) console.error(`check-fuses: ${line}`);
  if (problems.length) process.exit(1);
  const count = Object.keys(await getCurrentFuseWire(appPath)).length - 1;
  console.log(`check-fuses: all ${count} fuses of ${appPath} are as decided`);
}
