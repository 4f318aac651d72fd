import { describe, expect, it } from 'vitest';
import {
  createTrayJudge,
  HIDDEN_AFTER_MEASUREMENTS,
  trayPlacement,
  type DisplayFacts,
  type Rect,
} from './tray-visibility';

/** A display with a 24-point menu bar (or none, when it auto-hides). */
function display(
  bounds: Rect,
  options: { menuBar?: number; internal?: boolean } = {},
): DisplayFacts {
  const menuBar = options.menuBar ?? 24;
  return {
    bounds,
    workArea: { ...bounds, y: bounds.y + menuBar, height: bounds.height - menuBar },
    internal: options.internal ?? false,
  };
}

const studio = display({ x: 0, y: 0, width: 2560, height: 1440 });
const autoHiding = display({ x: 0, y: 0, width: 2560, height: 1440 }, { menuBar: 0 });
/** A 16-inch MacBook Pro panel at its default size: notched, 37-point menu bar. */
const notched = display({ x: 0, y: 0, width: 1728, height: 1117 }, { menuBar: 37, internal: true });
const leftPortrait = display({ x: -1080, y: -389, width: 1080, height: 1920 });
const leftLevel = display({ x: -2560, y: 0, width: 2560, height: 1440 });
const above = display({ x: 0, y: -1080, width: 1920, height: 1080 });

describe('trayPlacement', () => {
  it('accepts an item at the top of the main display', () => {
    expect(trayPlacement({ x: 2200, y: 0, width: 24, height: 24 }, [studio])).toEqual({
      kind: 'shown',
    });
  });

  it('accepts an item in the menu bar of a display to the left (its own top edge)', () => {
    expect(trayPlacement({ x: -400, y: 0, width: 24, height: 24 }, [studio, leftLevel]).kind).toBe(
      'shown',
    );
    expect(
      trayPlacement({ x: -300, y: -389, width: 24, height: 24 }, [studio, leftPortrait]).kind,
    ).toBe('shown');
  });

  it('accepts a notched panel item right of the camera housing', () => {
    expect(trayPlacement({ x: 1300, y: 0, width: 30, height: 37 }, [notched]).kind).toBe('shown');
  });

  it('flags a notched panel item under the camera housing, whose x looks ordinary', () => {
    // 878..955 were invisible on a 1728-point panel (choisungwook/portfolio#608).
    for (const x of [878, 900, 930]) {
      const result = trayPlacement({ x, y: 0, width: 24, height: 37 }, [notched]);
      expect(result, String(x)).toMatchObject({ kind: 'hidden' });
      if (result.kind === 'hidden') expect(result.reason).toContain('camera housing');
    }
  });

  it('does not apply the housing to an external display of the same width', () => {
    const external = display({ x: 0, y: 0, width: 1728, height: 1117 });
    expect(trayPlacement({ x: 900, y: 0, width: 24, height: 24 }, [external]).kind).toBe('shown');
  });

  it('waits when the menu bar auto-hides: the item sits just above the top edge', () => {
    const result = trayPlacement({ x: 2200, y: -24, width: 24, height: 24 }, [autoHiding]);
    expect(result.kind).toBe('away');
  });

  it('waits with a full-screen app in front, even under a display stacked above', () => {
    // y -24 is inside the upper display, but it is the main display's menu bar slid up.
    const result = trayPlacement({ x: 1500, y: -24, width: 24, height: 24 }, [studio, above]);
    expect(result.kind).toBe('away');
  });

  it('flags the macOS 26 hidden item: y equal to the screen height', () => {
    const result = trayPlacement({ x: 2200, y: 1440, width: 24, height: 24 }, [studio]);
    expect(result).toMatchObject({ kind: 'hidden' });
    if (result.kind === 'hidden') expect(result.reason).toContain("no display's menu bar");
  });

  it('flags the macOS 26.5 parking spot left of the main display', () => {
    // Reported on macOS 26.5.1 with a portrait display to the left (vorssaint-utils#1496).
    expect(
      trayPlacement({ x: -1143, y: 9, width: 24, height: 24 }, [studio, leftPortrait]).kind,
    ).toBe('hidden');
    // The same spot inside a display to the left is not its menu bar either.
    expect(
      trayPlacement({ x: -1043, y: 9, width: 24, height: 24 }, [studio, leftPortrait]).kind,
    ).toBe('hidden');
    expect(trayPlacement({ x: -1043, y: 9, width: 24, height: 24 }, [studio, leftLevel]).kind).toBe(
      'hidden',
    );
  });

  it('flags a zero-size item even when its position is on screen', () => {
    const result = trayPlacement({ x: 0, y: 0, width: 0, height: 0 }, [studio]);
    expect(result).toMatchObject({ kind: 'hidden' });
    if (result.kind === 'hidden') expect(result.reason).toContain('no size');
  });

  it('flags any item when no display is known', () => {
    expect(trayPlacement({ x: 10, y: 0, width: 24, height: 24 }, []).kind).toBe('hidden');
  });
});

describe('createTrayJudge (measured again, not once)', () => {
  const hidden = { x: 2200, y: 1440, width: 24, height: 24 };
  const away = { x: 2200, y: -24, width: 24, height: 24 };
  const shown = { x: 2200, y: 0, width: 24, height: 24 };

  it(`says hidden only after ${HIDDEN_AFTER_MEASUREMENTS} hidden measurements in a row`, () => {
    const judge = createTrayJudge();
    for (let i = 1; i < HIDDEN_AFTER_MEASUREMENTS; i++) expect(judge(hidden, [studio])).toBeNull();
    expect(judge(hidden, [studio])).toMatchObject({ kind: 'hidden' });
  });

  it('says shown at the first shown measurement, after a zero-size start', () => {
    const judge = createTrayJudge();
    expect(judge({ x: 0, y: 0, width: 0, height: 0 }, [studio])).toBeNull();
    expect(judge(shown, [studio])).toEqual({ kind: 'shown', bounds: shown });
  });

  it('never concludes while the menu bar is away, and starts the count again after it', () => {
    const judge = createTrayJudge();
    expect(judge(hidden, [autoHiding])).toBeNull();
    expect(judge(hidden, [autoHiding])).toBeNull();
    for (let i = 0; i < 20; i++) expect(judge(away, [autoHiding])).toBeNull();
    expect(judge(hidden, [autoHiding])).toBeNull();
    expect(judge(shown, [autoHiding])).toMatchObject({ kind: 'shown' });
  });
});
