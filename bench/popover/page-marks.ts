/**
 * Injected into the dashboard page before its own scripts (Playwright's addInitScript, which the
 * page's CSP does not apply to): records when each WebSocket message arrives and, for each
 * snapshot the renderer commits (it sets `data-snapshot-at` on <html>), the commit time, the
 * next animation frame, and the first task after that frame (its style, layout and paint done).
 * Times are `performance.timeOrigin + performance.now()`, epoch milliseconds. Kept as page
 * JavaScript text: this project's Node type-check has no DOM library.
 */

export interface PageMark {
  /** The last WebSocket message before the commit: the push carrying the snapshot. */
  arrivedAt: number | null;
  committedAt: number;
  frameAt?: number;
  paintedAt?: number;
}

export const PAGE_MARKS_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const marks = {};
  let lastArrival = null;
  window.benchMarks = marks;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', () => { lastArrival = now(); });
    }
  };
  new MutationObserver(() => {
    const takenAt = document.documentElement.dataset.snapshotAt;
    if (!takenAt || marks[takenAt]) return;
    const mark = { arrivedAt: lastArrival, committedAt: now() };
    marks[takenAt] = mark;
    requestAnimationFrame(() => {
      mark.frameAt = now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { mark.paintedAt = now(); channel.port1.close(); };
      channel.port2.postMessage(0);
    });
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-snapshot-at'] });
})();`;
