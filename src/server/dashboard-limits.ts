/**
 * Every limit the dashboard enforces against a hostile or broken client, in one place, so the
 * server, its tests and SECURITY.md's figures read the same numbers.
 */

/** Largest request frame accepted; real requests are a few hundred bytes. Bigger ones close with 1009. */
export const MAX_REQUEST_BYTES = 64 * 1024;
/** Malformed frames (bad JSON, wrong shape, unknown channel) tolerated per connection before it is closed. */
export const MAX_MALFORMED_FRAMES = 10;
/** Requests one client may have running at once (a probe takes seconds). */
export const MAX_IN_FLIGHT = 16;
/** Well-formed requests held in order behind the running ones; past this, each is answered "busy". */
export const MAX_QUEUED = 64;
/** A client this far behind on reading is dropped rather than buffered without bound. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Signed-in WebSocket clients at once: a popover or two per browser, far below this. */
export const MAX_SOCKET_CLIENTS = 32;
/** TCP connections the HTTP server holds at once, signed in or not; more are dropped on arrival. */
export const MAX_CONNECTIONS = 128;
/** A client that has not sent its request headers by then is cut off (slow-header attacks). */
export const HEADERS_TIMEOUT_MS = 10_000;
/**
 * Wrong tokens answered 401 within SIGN_IN_WINDOW_MS; more are refused 429, uncounted, so a flood's
 * bookkeeping stays this size. It slows only the wrong tokens: the right one and a valid cookie
 * always pass (a 256-bit token is not guessable, so no pause could protect it).
 */
export const MAX_FAILED_SIGN_INS = 20;
export const SIGN_IN_WINDOW_MS = 60_000;
