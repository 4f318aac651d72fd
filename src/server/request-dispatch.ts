/**
 * Turns one dashboard request frame into one response frame, through the shared dispatch and the
 * request handlers the Electron main process uses too; the only browser-specific rule is that
 * `link:open` is refused. The frame's shape is checked here; channel and arguments by dispatch.
 */
import { dispatch, type DispatchRefusal } from '../core/dispatch';
import type { Engine } from '../core/engine-api';
import { createRequestHandlers } from '../core/request-handlers';
import type { ResponseFrame } from '../shared/dashboard-protocol';
import type { RequestHandlers } from '../shared/ipc-contract';

/** The id answered when a frame had no usable id of its own (bad JSON, not an object). */
export const UNKNOWN_REQUEST_ID = -1;

/** The dashboard's host actions: a browser page opens links itself and has no login item. */
export function dashboardRequestHandlers(engine: Engine): RequestHandlers {
  return createRequestHandlers(engine, {
    setLaunchAtLogin: () => {},
    openExternal: () =>
      Promise.reject(
        new Error('link:open: not available in the browser dashboard; the page opens links itself'),
      ),
    settingsChanged: () => {},
  });
}

/** A frame of the right shape; its channel and arguments are dispatch's to check. */
export interface ValidRequest {
  ok: true;
  id: number;
  channel: unknown;
  args: unknown;
}
/** Not a request frame at all (bad JSON, wrong shape): counts toward a close. */
export interface InvalidRequest {
  ok: false;
  id: number;
  error: string;
}

/** Parses one frame's text; never throws, every failure is a one-line error. */
export function parseRequestFrame(text: string): ValidRequest | InvalidRequest {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return malformed(UNKNOWN_REQUEST_ID, 'bad frame: not JSON');
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame))
    return malformed(UNKNOWN_REQUEST_ID, 'bad frame: not an object');
  const { type, id, channel, args } = frame as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
    return malformed(UNKNOWN_REQUEST_ID, 'bad frame: id must be a non-negative integer');
  if (type !== 'request') return malformed(id, `bad frame: unknown type ${describe(type)}`);
  return { ok: true, id, channel, args };
}

/** Runs a request through dispatch; `refusal` says why it got no value (an unknown channel counts as malformed). */
export async function runRequest(
  handlers: RequestHandlers,
  request: ValidRequest,
): Promise<{ response: ResponseFrame; refusal: DispatchRefusal | null }> {
  const reply = await dispatch(handlers, request.channel, request.args);
  if (!reply.ok)
    return { response: errorResponse(request.id, reply.error), refusal: reply.refusal };
  return {
    response: { type: 'response', id: request.id, ok: true, result: reply.value ?? null },
    refusal: null,
  };
}

export function errorResponse(id: number, error: string): ResponseFrame {
  return { type: 'response', id, ok: false, error };
}

function malformed(id: number, error: string): InvalidRequest {
  return { ok: false, id, error };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value.slice(0, 40)}'` : typeof value;
}
