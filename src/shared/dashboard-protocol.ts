/**
 * The dashboard's WebSocket messages: the IPC contract of ipc-contract.ts carried as JSON frames,
 * so the renderer's two transports (Electron IPC, dashboard socket) expose the same ApsdClient.
 */
import type { PushChannel, PushChannels, RequestChannel } from './ipc-contract';

/** Path of the WebSocket endpoint, same origin as the page. */
export const DASHBOARD_SOCKET_PATH = '/ws';

export interface RequestFrame {
  type: 'request';
  id: number;
  channel: RequestChannel;
  args: unknown[];
}

export type ResponseFrame =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string };

export interface PushFrame<P extends PushChannel = PushChannel> {
  type: 'push';
  channel: P;
  payload: PushChannels[P];
}

export type ServerFrame = ResponseFrame | PushFrame;
