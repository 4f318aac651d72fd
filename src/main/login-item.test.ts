/** The login-item read-back with a stand-in for Electron's app that answers as macOS would. */
import { describe, expect, it } from 'vitest';
import type { LoginItemStatus } from './host-status';
import { syncLoginItem, type LoginItemApp } from './login-item';

function standInApp(isPackaged: boolean, answer: (wanted: boolean) => LoginItemStatus) {
  const calls: boolean[] = [];
  let status: LoginItemStatus = 'not-registered';
  const app = {
    isPackaged,
    setLoginItemSettings: ({ openAtLogin }: { openAtLogin?: boolean }) => {
      calls.push(openAtLogin === true);
      status = answer(openAtLogin === true);
    },
    getLoginItemSettings: () => ({ openAtLogin: status === 'enabled', status }),
  };
  return { app: app as unknown as LoginItemApp, calls };
}

describe('syncLoginItem', () => {
  it('a development run never registers, whatever is asked', () => {
    const { app, calls } = standInApp(false, () => 'enabled');
    expect(syncLoginItem(app, true, true)).toEqual({ state: 'dev-run', wanted: true });
    expect(calls).toEqual([]);
  });

  it("reports macOS's status after a change, not the setting", () => {
    const { app, calls } = standInApp(true, (wanted) =>
      wanted ? 'requires-approval' : 'not-registered',
    );
    expect(syncLoginItem(app, true, true)).toEqual({
      state: 'read',
      wanted: true,
      status: 'requires-approval',
    });
    expect(calls).toEqual([true]);
  });

  it('only reads at start (no change): the saved setting is compared, not re-applied', () => {
    const { app, calls } = standInApp(true, () => 'enabled');
    expect(syncLoginItem(app, true, false)).toEqual({
      state: 'read',
      wanted: true,
      status: 'not-registered',
    });
    expect(calls).toEqual([]);
  });
});
