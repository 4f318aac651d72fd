/**
 * Decides whether the menu-bar item is really on screen, from Electron's rectangles as data (pure).
 * `new Tray()` succeeds even when macOS shows nothing, so the item's frame is read instead:
 * - shown: the item sits in the menu-bar band at the top of a display (a status item's frame
 *   starts at the display's top edge);
 * - away: the item is just above a display's top edge, where macOS slides the whole menu bar when
 *   it auto-hides or a full-screen app is in front (at login too): not hidden, measure again later;
 * - hidden: no size (macOS 26's "Allow in the Menu Bar" switch), below the screen (y = screen
 *   height, the same switch), under the camera housing of a notched display (an item that does
 *   not fit is put there with an ordinary positive x), or parked away from every menu bar (macOS
 *   26.5 parks it at a point that can fall inside a display to the left, though not at its top).
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the check needs of Electron's Display. */
export interface DisplayFacts {
  bounds: Rect;
  /** Electron's `workArea`: below the menu bar (unless it auto-hides) and beside the Dock. */
  workArea: Rect;
  /** The built-in panel: the only kind that can have a camera housing. */
  internal: boolean;
}

export type TrayPlacement =
  { kind: 'shown' } | { kind: 'away'; reason: string } | { kind: 'hidden'; reason: string };

/** Frames are whole points, but allow rounding on scaled displays. */
const EDGE_TOLERANCE = 2;

/**
 * A notched panel's menu bar is taller than 30 points (24 without a housing) [inference from
 * the heights reported for notched MacBooks; Electron exposes no safe-area inset].
 */
const NOTCHED_MENU_BAR_MIN_HEIGHT = 30;

/**
 * The housing's width as a share of the panel's width, centred: a 1728-point panel reported the
 * right-hand area (NSScreen.auxiliaryTopRightArea) from x = 956, so the housing spans 772..956,
 * 184 points (choisungwook/portfolio#608, measured on macOS 26).
 */
const NOTCH_WIDTH_SHARE = 184 / 1728;

/** Shown in the fallback window, so the user knows why there is a window and what to change. */
export const TRAY_HIDDEN_EXPLANATION =
  'The apsd-watch icon is not visible in the menu bar, so apsd-watch opened this window instead. ' +
  'On macOS 26 and later, check that apsd-watch is allowed in the menu bar ("Allow in the Menu ' +
  'Bar" in System Settings > Menu Bar); on a Mac with a camera housing, make room in the menu bar ' +
  '(icons that do not fit go under it); then quit and reopen apsd-watch. Closing this window ' +
  'keeps apsd-watch running: its Dock icon reopens it, and Quit is in the Dock menu.';

function withinX(bounds: Rect, display: Rect): boolean {
  const middle = bounds.x + bounds.width / 2;
  return middle >= display.x && middle < display.x + display.width;
}

function menuBarHeight(display: DisplayFacts, item: Rect): number {
  return Math.max(item.height, display.workArea.y - display.bounds.y);
}

function underNotch(bounds: Rect, display: DisplayFacts): boolean {
  if (!display.internal || menuBarHeight(display, bounds) < NOTCHED_MENU_BAR_MIN_HEIGHT)
    return false;
  const centre = display.bounds.x + display.bounds.width / 2;
  const half = (display.bounds.width * NOTCH_WIDTH_SHARE) / 2;
  return bounds.x < centre + half && bounds.x + bounds.width > centre - half;
}

export function trayPlacement(bounds: Rect, displays: readonly DisplayFacts[]): TrayPlacement {
  if (bounds.width <= 0 || bounds.height <= 0) {
    return { kind: 'hidden', reason: `the menu-bar item has no size (${describe(bounds)})` };
  }
  const columns = displays.filter((display) => withinX(bounds, display.bounds));
  const atTop = columns.find((d) => Math.abs(bounds.y - d.bounds.y) <= EDGE_TOLERANCE);
  if (atTop) {
    if (underNotch(bounds, atTop)) {
      return {
        kind: 'hidden',
        reason: `the menu-bar item is under the camera housing (${describe(bounds)})`,
      };
    }
    return { kind: 'shown' };
  }
  const above = columns.find(
    (d) =>
      bounds.y < d.bounds.y - EDGE_TOLERANCE &&
      bounds.y >= d.bounds.y - 3 * bounds.height - EDGE_TOLERANCE,
  );
  if (above) {
    return {
      kind: 'away',
      reason: `the menu bar is out of view (auto-hidden or behind a full-screen app; ${describe(bounds)})`,
    };
  }
  return {
    kind: 'hidden',
    reason: `the menu-bar item is in no display's menu bar (${describe(bounds)})`,
  };
}

function describe(b: Rect): string {
  return `x ${b.x}, y ${b.y}, ${b.width}x${b.height}`;
}

/** A verdict the app acts on: the icon is shown, or it stayed hidden for every measurement. */
export type TrayVerdict = { kind: 'shown'; bounds: Rect } | { kind: 'hidden'; reason: string };

/** Measurements in a row that must all say hidden before the fallback window opens. */
export const HIDDEN_AFTER_MEASUREMENTS = 3;

/**
 * Folds successive measurements into a verdict: the first `shown` wins at once; `hidden` needs
 * HIDDEN_AFTER_MEASUREMENTS in a row (macOS places a new item asynchronously); `away` never
 * concludes and starts the count again. Returns null while undecided.
 */
export function createTrayJudge(): (
  bounds: Rect,
  displays: readonly DisplayFacts[],
) => TrayVerdict | null {
  let hiddenInARow = 0;
  return (bounds, displays) => {
    const placement = trayPlacement(bounds, displays);
    if (placement.kind === 'shown') {
      hiddenInARow = 0;
      return { kind: 'shown', bounds };
    }
    if (placement.kind === 'away') {
      hiddenInARow = 0;
      return null;
    }
    hiddenInARow += 1;
    return hiddenInARow >= HIDDEN_AFTER_MEASUREMENTS
      ? { kind: 'hidden', reason: placement.reason }
      : null;
  };
}
