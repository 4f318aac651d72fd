/**
 * scripts/check-fuses.mjs, which the workflow runs on the packaged app, against a stand-in for the
 * Electron Framework binary: a file holding the fuse sentinel and Electron's default wire (the nine
 * fuses of electron/electron build/fuses/fuses.json5). The fuses are flipped by electron-builder's
 * own generateFuseConfig and @electron/fuses' flipFuses, as `npm run dist:mac` does, minus the
 * ad-hoc re-sign (there is no `codesign` here; the workflow's packaged launch covers it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flipFuses } from '@electron/fuses';
import { PlatformPackager } from 'app-builder-lib';
import { getConfig } from 'app-builder-lib/out/util/config/config';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { fuseProblems } from '../../scripts/check-fuses.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults, in wire order: run_as_node 1, cookie_encryption 0, ... wasm_trap_handlers 1. */
const ELECTRON_DEFAULT_WIRE = '101100011';

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function standInApp(wire: string): string {
  const dir = mkdtempSync(join(tmpdir(), `apsd-watch-fuses-${process.pid}-`));
  made.push(dir);
  const app = join(dir, 'apsd-watch.app');
  const framework = join(app, 'Contents', 'Frameworks', 'Electron Framework.framework');
  mkdirSync(framework, { recursive: true });
  const bytes = Buffer.concat([
    Buffer.alloc(64, 0xcc),
    Buffer.from(SENTINEL, 'ascii'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire, 'ascii'),
    Buffer.alloc(64, 0xcc),
  ]);
  writeFileSync(join(framework, 'Electron Framework'), bytes);
  return app;
}

async function flipAsElectronBuilderDoes(app: string): Promise<void> {
  const config = await getConfig(ROOT, null, null);
  // A private method that uses nothing of its instance: electron-builder's own key-to-fuse mapping.
  const generate = (
    PlatformPackager.prototype as unknown as {
      generateFuseConfig(fuses: unknown): Promise<Parameters<typeof flipFuses>[1]>;
    }
  ).generateFuseConfig;
  const fuseConfig = await generate(config.electronFuses);
  console.info(
    'packaged fuses: the ad-hoc re-sign is left to the macOS workflow (no codesign here)',
  );
  await flipFuses(app, { ...fuseConfig, resetAdHocDarwinSignature: false });
}

describe('scripts/check-fuses.mjs', () => {
  it('passes an app whose every fuse is flipped from electron-builder.yml', async () => {
    const app = standInApp(ELECTRON_DEFAULT_WIRE);
    await flipAsElectronBuilderDoes(app);
    expect(await fuseProblems(app, ROOT)).toEqual([]);
  });

  it('fails an app left with Electron defaults, naming each fuse that differs', async () => {
    const problems = await fuseProblems(standInApp(ELECTRON_DEFAULT_WIRE), ROOT);
    expect(problems).toEqual([
      'runAsNode is on, expected off',
      'enableNodeOptionsEnvironmentVariable is on, expected off',
      'enableNodeCliInspectArguments is on, expected off',
      'enableEmbeddedAsarIntegrityValidation is off, expected on',
      'onlyLoadAppFromAsar is off, expected on',
      'grantFileProtocolExtraPrivileges is on, expected off',
    ]);
  });

  it('fails on a fuse no one decided (a newer Electron) and on one missing from the binary', async () => {
    const longer = standInApp(`${ELECTRON_DEFAULT_WIRE}1`);
    await flipAsElectronBuilderDoes(longer);
    expect(await fuseProblems(longer, ROOT)).toEqual(['fuse 9 is on and no one decided it']);
    const shorter = standInApp(ELECTRON_DEFAULT_WIRE.slice(0, 8));
    await flipAsElectronBuilderDoes(shorter);
    expect(await fuseProblems(shorter, ROOT)).toEqual([
      'wasm_trap_handlers (fuse 8) is not in this binary',
    ]);
  });
});
