import { describe, expect, it } from 'vitest';
import { trayVisibility } from './tray-visibility';

const laptop = { x: 0, y: 0, width: 1512, height: 982 };
const externalLeft = { x: -2560, y: 0, width: 2560, height: 1440 };

describe('trayVisibility', () => {
  it('accepts an item in the menu bar of the main screen', () => {
    expect(trayVisibility({ x: 1200, y: 0, width: 24, height: 24 }, [laptop])).toEqual({
      visible: true,
    });
  });

  it('accepts an item on a second screen to the left (negative x)', () => {
    const bounds = { x: -400, y: 0, width: 24, height: 24 };
    expect(trayVisibility(bounds, [laptop, externalLeft]).visible).toBe(true);
  });

  it('flags the macOS 26 hidden item: y equal to the screen height', () => {
    const result = trayVisibility({ x: 1200, y: 982, width: 24, height: 24 }, [laptop]);
    expect(result.visible).toBe(false);
    if (!result.visible) expect(result.reason).toContain('off every screen');
  });

  it('flags a zero-size item even when its position is on screen', () => {
    const result = trayVisibility({ x: 0, y: 0, width: 0, height: 0 }, [laptop]);
    expect(result.visible).toBe(false);
    if (!result.visible) expect(result.reason).toContain('no size');
  });

  it('flags any item when no screen is known', () => {
    expect(trayVisibility({ x: 10, y: 0, width: 24, height: 24 }, []).visible).toBe(false);
  });
});
