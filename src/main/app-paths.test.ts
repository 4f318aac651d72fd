import { describe, expect, it } from 'vitest';
import { chooseUserData, DEV_DATA_FOLDER } from './app-paths';

const support = '/Users/ana/Library/Application Support';
const facts = {
  appData: support,
  userData: `${support}/apsd-watch`,
  dataDirSwitch: '',
};

describe('chooseUserData (dev versus packaged)', () => {
  it("keeps Electron's folder for the packaged app", () => {
    expect(chooseUserData({ ...facts, isPackaged: true })).toBeNull();
  });

  it("gives a development run its own folder, never the installed app's", () => {
    const dev = chooseUserData({ ...facts, isPackaged: false });
    expect(dev).toBe(`${support}/${DEV_DATA_FOLDER}`);
    expect(dev).not.toBe(facts.userData);
  });

  it('lets --data-dir win in both, as an absolute path', () => {
    expect(chooseUserData({ ...facts, isPackaged: true, dataDirSwitch: '/tmp/profile' })).toBe(
      '/tmp/profile',
    );
    expect(chooseUserData({ ...facts, isPackaged: false, dataDirSwitch: 'rel/dir' })).toBe(
      `${process.cwd()}/rel/dir`,
    );
  });
});
