/**
 * electron-builder.yml, read and validated by electron-builder's own loader and schema, keeps the
 * settings the app's security and menu-bar behaviour depend on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 schema validation and keeps the hardening', async () => {
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();

    expect(config.files).toEqual([{ filter: ['out/**', 'package.json'] }]);
    // One archive, nothing unpacked beside it: the integrity fuse below covers all the code.
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toBeUndefined();
    expect(config.mac?.extendInfo).toEqual({ LSUIElement: true });
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).toBeUndefined();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
      // Without a signing identity the package must still launch on Apple silicon.
      resetAdHocDarwinSignature: true,
    });
  });

  it('would reject a misplaced key, so the check above means something', async () => {
    const config = await getConfig(root, null, null);
    const misplaced = { ...config, mac: { ...config.mac, LSUIElement: true } };
    await expect(validateConfiguration(misplaced, new DebugLogger(false))).rejects.toThrow(
      /does not match the API schema/,
    );
  });
});

describe('build/entitlements.mac.plist', () => {
  it('grants only JIT, which V8 needs under the hardened runtime', () => {
    const plist = readFileSync(join(root, 'build', 'entitlements.mac.plist'), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((match) => match[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });
});
