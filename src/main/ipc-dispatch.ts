/**
 * The IPC gate, without Electron: checks who is asking, then hands the request to the shared
 * dispatch (channel, arguments, handler, one-line errors), as the dashboard socket does after
 * its own checks. ipc.ts maps Electron's events onto this; the tests drive it directly.
 */
import { dispatch, type DispatchReply } from '../core/dispatch';
import { REQUEST_CHANNELS, type RequestHandlers } from '../shared/ipc-contract';

/** What the preload receives: a value or a one-line error (never a serialised stack). */
export type IpcReply = DispatchReply | { ok: false; error: string; refusal: 'untrusted-sender' };

export type { RequestHandlers } from '../shared/ipc-contract';

/** The parts of an IPC event the sender check needs. */
export interface SenderFacts {
  /** `BrowserWindow.fromWebContents(event.sender)` is one of the app's own windows. */
  fromOurWindow: boolean;
  /** The sending frame's URL; null when the frame is gone. */
  frameUrl: string | null;
  /** The message came from the top-level frame, not an iframe. */
  isMainFrame: boolean;
}

/** True when `frameUrl` is our bundled index page (any #fragment); the app never navigates away. */
export function isOurIndexUrl(frameUrl: string | null, indexUrl: string): boolean {
  if (!frameUrl) return false;
  try {
    const frame = new URL(frameUrl);
    const index = new URL(indexUrl);
    frame.hash = '';
    index.hash = '';
    return frame.href === index.href;
  } catch {
    return false;
  }
}

function isTrustedSender(sender: SenderFacts, indexUrl: string): boolean {
  return sender.fromOurWindow && sender.isMainFrame && isOurIndexUrl(sender.frameUrl, indexUrl);
}

export type Dispatch = (
  channel: string,
  sender: SenderFacts,
  rawArgs: unknown[],
) => Promise<IpcReply>;

export function createDispatcher(handlers: RequestHandlers, indexUrl: string): Dispatch {
  return async (channel, sender, rawArgs) => {
    if (!isTrustedSender(sender, indexUrl)) {
      return {
        ok: false,
        error: `${String(channel).slice(0, 64)}: refused, the request did not come from apsd-watch's window`,
        refusal: 'untrusted-sender',
      };
    }
    return dispatch(handlers, channel, rawArgs);
  };
}

/** An `ipcMain.handle`-shaped registrar; the event type is Electron's in ipc.ts, a test's here. */
export type HandleChannel<Event> = (
  channel: string,
  listener: (event: Event, ...args: unknown[]) => Promise<IpcReply>,
) => void;

/** Registers every channel of the contract, each through the sender check and dispatch. */
export function handleEveryChannel<Event>(
  handle: HandleChannel<Event>,
  dispatch: Dispatch,
  senderOf: (event: Event) => SenderFacts,
): void {
  for (const channel of REQUEST_CHANNELS)
    handle(channel, (event, ...args) => dispatch(channel, senderOf(event), args));
}
