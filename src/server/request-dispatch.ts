/**
 * Turns one dashboard request frame into one response frame, through the request handlers the
 * Electron main process uses too; the only browser-specific rule is that `link:open` is refused.
 */
import type { Engine } from '../core/engine-api';
import { createRequestHandlers } from '../core/request-handlers';
import type { ResponseFrame } from '../shared/dashboard-protocol';
import {
  isRequestChannel,
  parseRequestArgs,
  type RequestChannel,
  type RequestHandlers,
} from '../shared/ipc-contract';
import { errorLine } from '../shared/error-line';

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

export interface ValidRequest {
  ok: true;
  id: number;
  channel: RequestChannel;
  args: unknown[];
}
export interface InvalidRequest {
  ok: false;
  id: number;
  error: string;
  /** Not a request frame at all (bad JSON, wrong shape, unknown channel): counts toward a close. */
  malformed: boolean;
}

/** Parses and validates one frame's text; never throws, every failure is a one-line error. */
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
  if (!isRequestChannel(channel))
    return malformed(id, `bad frame: unknown channel ${describe(channel)}`);
  const parsed = parseRequestArgs(channel, args);
  if (!parsed.ok) return { ok: false, id, error: parsed.error, malformed: false };
  return { ok: true, id, channel, args: parsed.args };
}

/** Runs a validated request; an engine failure becomes a one-line error. */
export async function runRequest(
  handlers: RequestHandlers,
  request: ValidRequest,
): Promise<ResponseFrame> {
  try {
    const run = handlers[request.channel] as (...args: unknown[]) => unknown;
    const result = await run(...request.args);
    return { type: 'response', id: request.id, ok: true, result: result ?? null };
  } catch (error) {
    return errorResponse(request.id, errorLine(error));
  }
}

export function errorResponse(id: number, error: string): ResponseFrame {
  return { type: 'response', id, ok: false, error };
}

function malformed(id: number, error: string): InvalidRequest {
  return { ok: false, id, error, malformed: true };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value.slice(0, 40)}'` : typeof value;
}
