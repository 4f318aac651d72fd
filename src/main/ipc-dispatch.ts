/**
 * The IPC gate, without Electron: checks who is asking, validates the arguments with the shared
 * contract, calls the handler, and turns every failure into a one-line reply the popover can show.
 * ipc.ts maps Electron's events onto this; the tests drive it directly.
 */
import {
  isRequestChannel,
  parseRequestArgs,
  type RequestArgs,
  type RequestChannel,
  type RequestHandlers,
} from '../shared/ipc-contract';

/** What the preload receives: a value or a one-line error (never a serialised stack). */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: string };

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

export function isTrustedSender(sender: SenderFacts, indexUrl: string): boolean {
  return sender.fromOurWindow && sender.isMainFrame && isOurIndexUrl(sender.frameUrl, indexUrl);
}

/** The first line of any thrown value, bounded, prefixed with the channel once. */
export function oneLineError(channel: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = (raw.split('\n')[0] ?? '').trim().slice(0, 300) || 'failed';
  return line.startsWith(`${channel}:`) ? line : `${channel}: ${line}`;
}

/** Generic over the channel so each handler only ever receives its own validated arguments. */
async function call<C extends RequestChannel>(
  handlers: RequestHandlers,
  channel: C,
  args: RequestArgs<C>,
): Promise<unknown> {
  const handler: RequestHandlers[C] = handlers[channel];
  return await handler(...args);
}

export type Dispatch = (
  channel: string,
  sender: SenderFacts,
  rawArgs: unknown[],
) => Promise<IpcReply>;

export function createDispatcher(handlers: RequestHandlers, indexUrl: string): Dispatch {
  return async (channel, sender, rawArgs) => {
    const shown = String(channel).slice(0, 64);
    if (!isTrustedSender(sender, indexUrl)) {
      return {
        ok: false,
        error: `${shown}: refused, the request did not come from apsd-watch's window`,
      };
    }
    if (!isRequestChannel(channel)) return { ok: false, error: `${shown}: unknown channel` };
    const parsed = parseRequestArgs(channel, rawArgs);
    if (!parsed.ok) return { ok: false, error: parsed.error };
    try {
      return { ok: true, value: await call(handlers, channel, parsed.args) };
    } catch (error) {
      return { ok: false, error: oneLineError(channel, error) };
    }
  };
}
