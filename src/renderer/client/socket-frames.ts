/** Reading the server's frames defensively: a bad frame is one line in the console, never a throw. */
import type { ServerFrame } from '../../shared/dashboard-protocol';
import { isPushChannel } from '../../shared/ipc-contract';
import { errorLine } from '../../shared/error-line';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the frame, or a one-line reason it was rejected. */
export function parseServerFrame(data: unknown): ServerFrame | string {
  if (typeof data !== 'string') return 'not a text frame';
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return `not JSON (${data.length} characters)`;
  }
  if (!isObject(value)) return 'not a JSON object';
  if (value.type === 'response') {
    if (typeof value.id !== 'number') return 'response without a numeric id';
    if (value.ok === true)
      return { type: 'response', id: value.id, ok: true, result: value.result };
    if (value.ok === false) {
      const error = typeof value.error === 'string' ? value.error : 'unknown error';
      return { type: 'response', id: value.id, ok: false, error: errorLine(error) };
    }
    return 'response without ok';
  }
  if (value.type === 'push') {
    const channel = value.channel;
    if (!isPushChannel(channel)) return `unknown push channel ${String(channel)}`;
    if (!isObject(value.payload)) return `${String(channel)} push without a payload`;
    return { type: 'push', channel, payload: value.payload as never };
  }
  return `unknown frame type ${String(value.type).slice(0, 40)}`;
}

/** Why the socket closed, in words for the disconnected banner. */
export function describeClose(code: number, reason: string): string {
  const why = reason.trim().split('\n')[0]?.slice(0, 120);
  if (code === 1001) return 'the dashboard server stopped';
  if (code === 1008) return `refused by the server${why ? `: ${why}` : ''}`;
  if (code === 1006 || code === 1005) return 'the connection was lost';
  return `closed (code ${code}${why ? `: ${why}` : ''})`;
}
