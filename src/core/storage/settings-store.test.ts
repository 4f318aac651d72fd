import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { SETTINGS_FILE, SettingsStore } from './settings-store';
import {
  canLockDirectories,
  lockDirectory,
  lockSkipReason,
  unlockDirectory,
} from '../../../test/support/lock-directory';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apsd-watch-settings-'));
});
afterEach(async () => {
  await unlockDirectory(dir).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const settingsPath = () => join(dir, SETTINGS_FILE);
const onDisk = async () => JSON.parse(await readFile(settingsPath(), 'utf8')) as Settings;

describe('SettingsStore', () => {
  it('gives the defaults and no warning when there is no file yet', async () => {
    const store = await SettingsStore.open(join(dir, 'new', 'nested'));
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.warnings).toEqual([]);
  });

  it('persists an update atomically and reads it back after a restart', async () => {
    const store = await SettingsStore.open(dir);
    const updated = await store.update({ spike: { sensitivity: 'high' }, intervalSeconds: 30 });
    expect(updated.spike).toEqual({ minCount: 50, sensitivity: 'high' });
    expect(updated.intervalSeconds).toBe(30);
    expect(store.get()).toEqual(updated);
    expect(await onDisk()).toEqual(updated);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);

    const reopened = await SettingsStore.open(dir);
    expect(reopened.get()).toEqual(updated);
  });

  it('rejects an invalid patch in one line and keeps the old settings on disk and in memory', async () => {
    const store = await SettingsStore.open(dir);
    await store.update({ trayTitle: 'always' });
    const before = store.get();
    for (const bad of [
      { spike: { minCount: 0 } },
      { bogus: true },
      { intervalSeconds: 'fast' },
      'not an object',
    ]) {
      const error = (await store.update(bad).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toMatch(/^invalid settings: /);
      expect(error.message).not.toContain('\n');
    }
    const error = (await store
      .update({ spike: { minCount: 0 } })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      'invalid settings: spike.minCount: Expected a whole number from 1 to 100,000.',
    );
    expect(store.get()).toEqual(before);
    expect(await onDisk()).toEqual(before);
  });

  it('applies concurrent updates one after the other, losing neither', async () => {
    const store = await SettingsStore.open(dir);
    await Promise.all([
      store.update({ spike: { minCount: 75 } }),
      store.update({ notifications: { spike: false } }),
      store.update({ launchAtLogin: true }),
    ]);
    const expected = {
      ...DEFAULT_SETTINGS,
      spike: { minCount: 75, sensitivity: 'normal' },
      notifications: { spike: false, trustFailure: true },
      launchAtLogin: true,
    };
    expect(store.get()).toEqual(expected);
    expect(await onDisk()).toEqual(expected);
  });

  it('quarantines a corrupt file with a warning and starts from the defaults', async () => {
    await writeFile(settingsPath(), '{"intervalSeconds": 1');
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toMatch(
      /^settings\.json was unreadable \(.+\); kept it as settings\.json\.corrupt-/,
    );
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, files[0]!), 'utf8')).toBe('{"intervalSeconds": 1');
  });

  it('quarantines a schema-invalid file and says which value was wrong', async () => {
    await writeFile(settingsPath(), JSON.stringify({ ...DEFAULT_SETTINGS, intervalSeconds: 0 }));
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.warnings[0]).toMatch(
      /\(intervalSeconds: Expected whole seconds from 1 to 300\.\)/,
    );
    expect((await readdir(dir)).some((f) => f.startsWith('settings.json.corrupt-'))).toBe(true);
  });

  it('drops unknown keys with a warning and fills keys a newer release added', async () => {
    const stored = { intervalSeconds: 20, spike: { minCount: 80, colour: 'red' }, theme: 'dark' };
    await writeFile(settingsPath(), JSON.stringify(stored));
    const store = await SettingsStore.open(dir);
    expect(store.get()).toEqual({
      ...DEFAULT_SETTINGS,
      intervalSeconds: 20,
      spike: { minCount: 80, sensitivity: 'normal' },
    });
    expect(store.warnings).toEqual(['settings.json: ignored unknown setting spike.colour, theme']);
  });

  it.runIf(canLockDirectories)(
    'leaves a bad file it cannot move aside untouched and refuses to save over it',
    async () => {
      await writeFile(settingsPath(), 'junk');
      await lockDirectory(dir);
      const store = await SettingsStore.open(dir);
      expect(store.get()).toEqual(DEFAULT_SETTINGS);
      expect(store.warnings[0]).toMatch(/could not be moved aside/);
      await expect(store.update({ launchAtLogin: true })).rejects.toThrow(
        /^could not save settings: settings\.json is unreadable and was left in place$/,
      );
      await unlockDirectory(dir);
      expect(await readFile(settingsPath(), 'utf8')).toBe('junk');
      expect(store.get().launchAtLogin).toBe(false);
    },
  );
  if (!canLockDirectories) console.info(lockSkipReason);

  it.runIf(canLockDirectories)('keeps the old settings when saving fails', async () => {
    const store = await SettingsStore.open(dir);
    await lockDirectory(dir);
    const error = (await store.update({ launchAtLogin: true }).catch((e: unknown) => e)) as Error;
    await unlockDirectory(dir);
    expect(error.message).toMatch(/^could not save settings: could not write settings\.json: /);
    expect(error.message).not.toContain('\n');
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
  });
});

describe('SettingsStore: a hand edit made while running', () => {
  async function running(warnings: string[]): Promise<SettingsStore> {
    const store = await SettingsStore.open(dir, { onWarning: (w) => warnings.push(w) });
    await store.update({ trayTitle: 'always' });
    return store;
  }

  it('is the base of the next update, not overwritten unseen', async () => {
    const warnings: string[] = [];
    const store = await running(warnings);
    await writeFile(settingsPath(), JSON.stringify({ ...(await onDisk()), intervalSeconds: 42 }));
    const next = await store.update({ launchAtLogin: true });
    expect(next).toMatchObject({ intervalSeconds: 42, trayTitle: 'always', launchAtLogin: true });
    expect(await onDisk()).toEqual(next);
    expect(warnings).toEqual([]);
  });

  it('is moved aside with a warning when it fails the schema; the update lands on the last good settings', async () => {
    const warnings: string[] = [];
    const store = await running(warnings);
    const edit = JSON.stringify({ ...(await onDisk()), rules: { peerCidrs: ['bogus'] } });
    await writeFile(settingsPath(), edit);
    const next = await store.update({ launchAtLogin: true });
    expect(next).toEqual({ ...DEFAULT_SETTINGS, trayTitle: 'always', launchAtLogin: true });
    expect(await onDisk()).toEqual(next);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^settings\.json was unreadable \(rules\.peerCidrs\.0: “bogus”.*\); kept it as (\S+) and started afresh$/,
      ),
    ]);
    const aside = (await readdir(dir)).filter((f) => f.startsWith(`${SETTINGS_FILE}.corrupt-`));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toBe(edit);
  });

  it('is left exactly as it is when the update itself is refused', async () => {
    const warnings: string[] = [];
    const store = await running(warnings);
    for (const edit of ['{"intervalSeconds": 42}', '{"rules": {"peerCidrs": ["bogus"]}}']) {
      await writeFile(settingsPath(), edit);
      await expect(store.update({ intervalSeconds: 0 })).rejects.toThrow(/^invalid settings: /);
      expect(await readFile(settingsPath(), 'utf8')).toBe(edit);
      expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
      expect(store.get().intervalSeconds).toBe(DEFAULT_SETTINGS.intervalSeconds);
    }
    expect(warnings).toEqual([]);
  });
});
