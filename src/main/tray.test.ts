/**
 * The tray's menu with a stand-in Tray (an event emitter that records pop-ups) and a stand-in
 * Menu that keeps its template: the menu, with Quit, is there from the Tray's creation, before
 * and without any popover page, and opens on right-click and on Ctrl-click.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions, Tray } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }) },
  nativeImage: {},
}));
vi.mock('../../assets/tray/alertTemplate.png?asset', () => ({ default: '' }));
vi.mock('../../assets/tray/alertTemplate@2x.png?asset', () => ({ default: '' }));
vi.mock('../../assets/tray/okTemplate.png?asset', () => ({ default: '' }));
vi.mock('../../assets/tray/okTemplate@2x.png?asset', () => ({ default: '' }));
vi.mock('../../assets/tray/watchTemplate.png?asset', () => ({ default: '' }));
vi.mock('../../assets/tray/watchTemplate@2x.png?asset', () => ({ default: '' }));
const { addTrayMenu, trayMenuTemplate, wantsMenu } = await import('./tray');

class StandInTray extends EventEmitter {
  popped: { template: MenuItemConstructorOptions[] }[] = [];
  popUpContextMenu(menu: { template: MenuItemConstructorOptions[] }): void {
    this.popped.push(menu);
  }
}

const labels = (template: MenuItemConstructorOptions[]) =>
  template.map((item) => (item.type === 'separator' ? '---' : item.label));

describe('the tray menu, with no popover page at all', () => {
  it('opens on right-click and on Ctrl-click, not on a plain click (that opens the popover)', () => {
    const tray = new StandInTray();
    addTrayMenu(tray as unknown as Tray, { open: () => undefined, quit: () => undefined });
    tray.emit('click', { ctrlKey: false });
    expect(tray.popped).toHaveLength(0);
    tray.emit('right-click', {});
    tray.emit('click', { ctrlKey: true });
    expect(tray.popped).toHaveLength(2);
    expect(labels(tray.popped[0]!.template)).toEqual(['Open apsd-watch', '---', 'Quit apsd-watch']);
  });

  it('quits from the menu', () => {
    const tray = new StandInTray();
    const quit = vi.fn();
    addTrayMenu(tray as unknown as Tray, { open: () => undefined, quit });
    tray.emit('right-click', {});
    const item = tray.popped[0]!.template.find((i) => i.label === 'Quit apsd-watch')!;
    (item.click as () => void)();
    expect(quit).toHaveBeenCalledOnce();
  });

  it('carries a failed page as a disabled line above Quit', () => {
    const tray = new StandInTray();
    const menu = addTrayMenu(tray as unknown as Tray, {
      open: () => undefined,
      quit: () => undefined,
    });
    const failure =
      'the apsd-watch window did not load apsd-watch://bundle/index.html: ERR_FILE_NOT_FOUND (-6)';
    menu.setProblems([failure]);
    tray.emit('right-click', {});
    const template = tray.popped[0]!.template;
    expect(labels(template)).toEqual(['Open apsd-watch', failure, '---', 'Quit apsd-watch']);
    expect(template[1]!.enabled).toBe(false);
  });

  it('wantsMenu: right-click always, a click only with Ctrl', () => {
    expect(wantsMenu('right-click', {})).toBe(true);
    expect(wantsMenu('click', { ctrlKey: true })).toBe(true);
    expect(wantsMenu('click', {})).toBe(false);
    expect(labels(trayMenuTemplate({ open: () => {}, quit: () => {} }, []))).toContain(
      'Quit apsd-watch',
    );
  });
});
