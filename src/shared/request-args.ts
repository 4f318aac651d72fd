/**
 * The request channels' argument schemas, checked by dispatch (core/dispatch.ts) before any
 * handler runs, whichever transport carried the request. Kept apart from ipc-contract.ts so the
 * sandboxed preload, which imports the channel list, never bundles zod.
 */
import { z } from 'zod';
import { MAX_PAGE_ROWS, SORT_KEYS } from './connection-query';
import type { RequestArgs, RequestChannel } from './ipc-contract';
import { settingsPatchSchema, type SettingsPatch } from './settings';
import { TCP_STATES } from './snapshot';
import { MAX_PORT } from './port';

const hostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:-]+$/, 'not a host name');

/** Argument schemas, one per request channel (the compiler refuses a channel without one). */
export const requestArgSchemas: { [C in RequestChannel]: z.ZodType<RequestArgs<C>> } = {
  'snapshot:get': z.tuple([]),
  'connections:page': z.tuple([
    z
      .object({
        state: z.enum(['all', ...TCP_STATES]),
        sort: z.object({ key: z.enum(SORT_KEYS), descending: z.boolean() }).strict(),
        offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        limit: z.number().int().min(1).max(MAX_PAGE_ROWS),
      })
      .strict(),
  ]),
  'history:get': z.tuple([z.enum(['1h', '24h', '7d'])]),
  'settings:get': z.tuple([]),
  'settings:set': z.tuple([settingsPatchSchema]) as unknown as z.ZodType<[SettingsPatch]>,
  'probe:run': z.tuple([
    z
      .object({
        host: hostName.optional(),
        port: z.number().int().min(1).max(MAX_PORT).optional(),
        servername: hostName.optional(),
      })
      .strict(),
  ]),
  'report:get': z.tuple([
    z.object({ format: z.enum(['markdown', 'json']), keepPrivate: z.boolean() }).strict(),
  ]),
  'link:open': z.tuple([z.string().max(2048)]),
  'host:notices': z.tuple([]),
};

/** Validates a channel's raw arguments; returns a one-line error instead of throwing. */
export function parseRequestArgs<C extends RequestChannel>(
  channel: C,
  args: unknown,
): { ok: true; args: RequestArgs<C> } | { ok: false; error: string } {
  const result = requestArgSchemas[channel].safeParse(args);
  if (result.success) return { ok: true, args: result.data as RequestArgs<C> };
  const issue = result.error.issues[0];
  return {
    ok: false,
    error: `${channel}: invalid argument${issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}`,
  };
}
