/**
 * Says when a log source floods: apsd writes a few lines a minute, so thousands a minute mean
 * something is wrong (a retry loop, a stuck connection). Every event is still counted; the
 * warning comes once per flood and again only after a calm minute.
 */
import { formatCount } from '../../../shared/format';

/** 100 events/s sustained over a minute. */
const FLOOD_EVENTS_PER_MINUTE = 6000;
const MINUTE_MS = 60_000;

export class FloodMeter {
  private windowStart: number | null = null;
  private inWindow = 0;
  private flooding = false;

  constructor(private readonly limit = FLOOD_EVENTS_PER_MINUTE) {}

  /** Counts `events` arriving at `nowMs`; returns a one-line warning when a flood begins. */
  add(events: number, nowMs: number, what: string): string | null {
    if (
      this.windowStart === null ||
      nowMs - this.windowStart >= MINUTE_MS ||
      nowMs < this.windowStart
    ) {
      if (this.windowStart !== null && this.inWindow <= this.limit) this.flooding = false;
      this.windowStart = nowMs;
      this.inWindow = 0;
    }
    this.inWindow += events;
    if (this.flooding || this.inWindow <= this.limit) return null;
    this.flooding = true;
    return `log flood: more than ${formatCount(this.limit)} ${what} lines within a minute; all are counted, and chart markers are merged per minute`;
  }
}
