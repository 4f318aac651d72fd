/**
 * The preload's channel allowlist and reply unwrapping, without Electron. The lists are spelled
 * out here rather than imported from the shared contract at runtime: that module pulls in zod,
 * and a sandboxed preload cannot require packages. The compiler keeps them equal to the contract.
 */
import type { PushChannel, RequestChannel } from '../shared/ipc-contract';

const REQUESTS = {
  'snapshot:get': true,
  'connections:page': true,
  'history:get': true,
  'settings:get': true,
  'settings:set': true,
  'probe:run': true,
  'report:get': true,
  'link:open': true,
} as const satisfies Record<RequestChannel, true>;

const PUSHES = { snapshot: true, notification: true } as const satisfies Record<PushChannel, true>;

export const ALLOWED_REQUEST_CHANNELS = Object.keys(REQUESTS) as RequestChannel[];
export const ALLOWED_PUSH_CHANNELS = Object.keys(PUSHES) as PushChannel[];

export function isAllowedRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.hasOwn(REQUESTS, name);
}

export function isAllowedPushChannel(name: unknown): name is PushChannel {
  return typeof name === 'string' && Object.hasOwn(PUSHES, name);
}

/** Turns the main process's `{ ok, value } | { ok, error }` reply into a value or an Error. */
export function unwrapReply(channel: string, reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    // A void result may arrive without its `value` key; that is still a success.
    if (reply.ok === true) return 'value' in reply ? reply.value : undefined;
    if (reply.ok === false && 'error' in reply && typeof reply.error === 'string') {
      throw new Error(reply.error);
    }
  }
  throw new Error(`${channel}: malformed reply from the main process`);
}
