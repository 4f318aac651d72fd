import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, ensureDataDir } from './data-dir';

describe('defaultDataDir', () => {
  it('uses Application Support on macOS', () => {
    expect(defaultDataDir('darwin', {}, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/apsd-watch',
    );
  });

  it('uses $XDG_DATA_HOME on Linux, or ~/.local/share without it', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/data/ann' }, '/home/ann')).toBe(
      '/data/ann/apsd-watch',
    );
    expect(defaultDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.local/share/apsd-watch');
  });

  it('ignores a relative $XDG_DATA_HOME, as the XDG spec requires', () => {
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative/dir' }, '/home/ann')).toBe(
      '/home/ann/.local/share/apsd-watch',
    );
  });

  it('uses %APPDATA% on Windows, or the usual Roaming folder without it', () => {
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann'),
    ).toBe('C:\\Users\\ann\\AppData\\Roaming\\apsd-watch');
    expect(defaultDataDir('win32', {}, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\apsd-watch',
    );
  });
});

describe('ensureDataDir', () => {
  it('creates nested directories, owner-only', async () => {
    const root = await mkdtemp(join(tmpdir(), 'apsd-watch-dir-'));
    try {
      const dir = join(root, 'a', 'b');
      await ensureDataDir(dir);
      await ensureDataDir(dir);
      const info = await stat(dir);
      expect(info.isDirectory()).toBe(true);
      expect(info.mode & 0o777).toBe(0o700);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('fails in one line when a file stands in the way', async () => {
    const root = await mkdtemp(join(tmpdir(), 'apsd-watch-dir-'));
    try {
      await writeFile(join(root, 'file'), 'x');
      await expect(ensureDataDir(join(root, 'file', 'sub'))).rejects.toThrow(
        /^cannot create data directory .*file\/sub: ENOTDIR/,
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
