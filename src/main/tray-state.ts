/** What the menu-bar item shows for a snapshot: icon, a short title and a tooltip. Pure. */
import type { Settings } from '../shared/settings';
import type { Snapshot, VerdictLevel } from '../shared/snapshot';

export type TrayIconState = VerdictLevel;

export interface TrayState {
  icon: TrayIconState;
  /** Empty when nothing needs saying; at most four characters so it fits beside a notch. */
  title: string;
  tooltip: string;
}

const APP = 'apsd-watch';

/**
 * Shortens a count to at most four characters ("412", "1.2k", "12k", "3.4M"). Rounds down, so
 * the menu bar never shows more sockets than there are.
 */
export function shortCount(count: number): string {
  const n = Math.max(0, Math.floor(count));
  if (n < 1000) return String(n);
  const units: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (n < size) continue;
    const whole = Math.floor(n / size);
    if (whole >= 10) return `${Math.min(whole, 999)}${unit}`;
    const tenths = Math.floor((n / size) * 10) % 10;
    return tenths === 0 ? `${whole}${unit}` : `${whole}.${tenths}${unit}`;
  }
  return String(n);
}

/** A socket count from a failed or unavailable source is not a count; the title stays empty. */
function socketsUsable(snapshot: Snapshot): boolean {
  const status = snapshot.source.sockets.status;
  return status === 'ok' || status === 'fallback';
}

function wantsTitle(snapshot: Snapshot, mode: Settings['trayTitle']): boolean {
  if (mode === 'never' || !socketsUsable(snapshot)) return false;
  if (mode === 'always') return true;
  const { count } = snapshot.connections.finWait1;
  return snapshot.spike.active || (count > 0 && count >= snapshot.spike.threshold);
}

function tooltipFor(snapshot: Snapshot): string {
  const lines = [`${APP}: ${snapshot.verdict.headline}`];
  if (socketsUsable(snapshot)) {
    const { count } = snapshot.connections.finWait1;
    lines.push(
      `FIN_WAIT_1: ${count} (usual ${snapshot.spike.baseline})` +
        (snapshot.spike.active ? ', pile-up in progress' : ''),
    );
  } else {
    lines.push(`Connections: ${snapshot.source.sockets.detail ?? 'not available'}`);
  }
  return lines.join('\n');
}

/** Maps the latest snapshot (null before the first sample) and the title setting to the tray. */
export function trayState(snapshot: Snapshot | null, mode: Settings['trayTitle']): TrayState {
  if (!snapshot) return { icon: 'ok', title: '', tooltip: `${APP}: waiting for the first sample` };
  return {
    icon: snapshot.verdict.level,
    title: wantsTitle(snapshot, mode) ? shortCount(snapshot.connections.finWait1.count) : '',
    tooltip: tooltipFor(snapshot),
  };
}
