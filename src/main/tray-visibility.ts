/**
 * Decides whether the menu-bar item is really on screen. macOS 26's per-app "Allow in the Menu
 * Bar" switch lets `new Tray()` succeed while nothing shows; the item then reports a zero size or
 * a position below the screen (y = screen height). Pure: Electron's rectangles come in as data.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type TrayVisibility = { visible: true } | { visible: false; reason: string };

/** Shown in the fallback window, so the user knows why there is a window and what to change. */
export const TRAY_HIDDEN_EXPLANATION =
  'The apsd-watch icon could not be placed in the menu bar, so apsd-watch opened this window ' +
  'instead. macOS may be hiding it: on macOS 26 and later, check that apsd-watch is allowed in ' +
  'the menu bar ("Allow in the Menu Bar" in System Settings), or make room if the menu bar is ' +
  'full, then restart apsd-watch. Closing this window quits apsd-watch.';

function inside(bounds: Rect, display: Rect): boolean {
  return (
    bounds.x >= display.x &&
    bounds.x < display.x + display.width &&
    bounds.y >= display.y &&
    bounds.y < display.y + display.height
  );
}

/** `displays` are the bounds of every connected screen in global coordinates. */
export function trayVisibility(bounds: Rect, displays: readonly Rect[]): TrayVisibility {
  if (bounds.width <= 0 || bounds.height <= 0) {
    return { visible: false, reason: `the menu-bar item has no size (${describe(bounds)})` };
  }
  if (!displays.some((display) => inside(bounds, display))) {
    return {
      visible: false,
      reason: `the menu-bar item is off every screen (${describe(bounds)})`,
    };
  }
  return { visible: true };
}

function describe(b: Rect): string {
  return `x ${b.x}, y ${b.y}, ${b.width}x${b.height}`;
}
