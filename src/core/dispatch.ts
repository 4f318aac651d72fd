/**
 * One request, whatever carried it: `dispatch(handlers, channel, rawArgs) -> reply`. Electron IPC
 * (src/main/ipc-dispatch.ts) and the dashboard socket (src/server/socket-hub.ts) call it after
 * their own gatekeeping (sender checks; token and Origin), so the channel check, the argument
 * check and the one-line error are the same on both.
 */
import {
  isRequestChannel,
  type RequestArgs,
  type RequestChannel,
  type RequestHandlers,
} from '../shared/ipc-contract';
import { errorLine } from '../shared/error-line';
import { parseRequestArgs } from '../shared/request-args';

/** Why a request got no value: a channel no side knows, arguments the schema refused, or the handler failed. */
export type DispatchRefusal = 'unknown-channel' | 'invalid-arguments' | 'failed';

/** A value, or a one-line error that names the channel (never a serialised stack). */
export type DispatchReply =
  { ok: true; value: unknown } | { ok: false; error: string; refusal: DispatchRefusal };

/** Longest channel name echoed back in an error. */
const SHOWN_CHANNEL_CHARS = 64;

export async function dispatch(
  handlers: RequestHandlers,
  channel: unknown,
  rawArgs: unknown,
): Promise<DispatchReply> {
  if (!isRequestChannel(channel)) {
    const shown =
      typeof channel === 'string' ? channel.slice(0, SHOWN_CHANNEL_CHARS) : typeof channel;
    return { ok: false, error: `${shown}: unknown channel`, refusal: 'unknown-channel' };
  }
  const parsed = parseRequestArgs(channel, rawArgs);
  if (!parsed.ok) return { ok: false, error: parsed.error, refusal: 'invalid-arguments' };
  try {
    return { ok: true, value: await call(handlers, channel, parsed.args) };
  } catch (error) {
    return { ok: false, error: channelError(channel, error), refusal: 'failed' };
  }
}

/** The error's first line, prefixed with the channel once. */
export function channelError(channel: string, error: unknown): string {
  const line = errorLine(error);
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
