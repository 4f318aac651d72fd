/**
 * The preload's reply unwrapping, without Electron. (Its channel allowlist is the shared
 * contract's own runtime list, imported by index.ts from the dependency-free ipc-contract.ts.)
 */

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
