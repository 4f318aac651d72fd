/**
 * Every request channel of the shared contract reaches its handler through both hosts: the main
 * process's registration (every channel, the sender check, then dispatch) asked the way the
 * preload asks, and the real dashboard server, asked by the renderer's own socket client over a
 * real WebSocket with the token. A channel added to the contract fails to compile here until it
 * has an example, and fails at run time if either host drops it. Electron itself cannot run here:
 * a Map stands in for ipcMain's channel table (ipc.ts hands `ipcMain.handle` to the same
 * handleEveryChannel).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createRequestHandlers } from '../../src/core/request-handlers';
import { INDEX_URL } from '../../src/main/bundle-files';
import {
  createDispatcher,
  handleEveryChannel,
  type IpcReply,
  type SenderFacts,
} from '../../src/main/ipc-dispatch';
import { unwrapReply } from '../../src/preload/channels';
import { createSocketClient } from '../../src/renderer/client/socket-client';
import type { AppClient } from '../../src/renderer/client/app-client';
import { startDashboardServer, type DashboardServer } from '../../src/server/dashboard-server';
import {
  REQUEST_CHANNELS,
  isRequestChannel,
  type RequestArgs,
  type RequestChannel,
  type ReportRequest,
} from '../../src/shared/ipc-contract';
import type { ProbeRequest, ProbeResult } from '../../src/shared/probe';
import type { Settings } from '../../src/shared/settings';
import { EngineDouble } from '../support/engine-double';

/** The engine double, also noting the calls it does not note itself. */
class RecordingEngine extends EngineDouble {
  override settings(): Settings {
    this.calls.push('settings');
    return super.settings();
  }
  override probe(request: ProbeRequest): Promise<ProbeResult> {
    this.calls.push(`probe ${request.host}`);
    return super.probe(request);
  }
  override report(request: ReportRequest): Promise<string> {
    this.calls.push(`report ${request.format}`);
    return super.report(request);
  }
}

const LINK = 'https://support.apple.com/en-us/102266';

/** Valid arguments for each channel, and the engine call (or host action) it must reach. */
const EXAMPLES: { [C in RequestChannel]: { args: RequestArgs<C>; reaches: string } } = {
  'snapshot:get': { args: [], reaches: 'latest' },
  'connections:page': {
    args: [{ state: 'all', sort: { key: 'age', descending: true }, offset: 0, limit: 10 }],
    reaches: 'latest',
  },
  'history:get': { args: ['1h'], reaches: 'history 1h' },
  'settings:get': { args: [], reaches: 'settings' },
  'settings:set': {
    args: [{ trayTitle: 'always' }],
    reaches: 'updateSettings {"trayTitle":"always"}',
  },
  'probe:run': { args: [{ host: 'example.com' }], reaches: 'probe example.com' },
  'report:get': { args: [{ format: 'json', keepPrivate: false }], reaches: 'report json' },
  'link:open': { args: [LINK], reaches: `open ${LINK}` },
  'host:notices': { args: [], reaches: 'notices' },
};

/** A refusal before any handler ran: what a dropped channel would look like. */
const NOT_REACHED = /unknown channel|invalid argument|refused, the request did not come/;

it('has an example for every channel of the contract', () => {
  expect(Object.keys(EXAMPLES).sort()).toEqual([...REQUEST_CHANNELS].sort());
});

describe('through Electron IPC (registered channels, the sender check, then dispatch)', () => {
  const trusted: SenderFacts = { fromOurWindow: true, frameUrl: INDEX_URL, isMainFrame: true };
  type Listener = (event: SenderFacts, ...args: unknown[]) => Promise<IpcReply>;

  it.each(REQUEST_CHANNELS)('%s reaches its handler', async (channel) => {
    const engine = new RecordingEngine();
    const host = {
      setLaunchAtLogin: () => {},
      openExternal: async (url: string) => void engine.calls.push(`open ${url}`),
      settingsChanged: () => {},
      notices: () => {
        engine.calls.push('notices');
        return [];
      },
    };
    // Stand-in for ipcMain's channel table: what main registers, the preload can reach.
    const registered = new Map<string, Listener>();
    handleEveryChannel<SenderFacts>(
      (name, listener) => registered.set(name, listener),
      createDispatcher(createRequestHandlers(engine, host), INDEX_URL),
      (event) => event,
    );
    expect([...registered.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    // As the preload invokes: its allowlist, ipcRenderer.invoke, then unwrapReply.
    expect(isRequestChannel(channel)).toBe(true);
    const reply = await registered.get(channel)!(trusted, ...EXAMPLES[channel].args);
    const outcome = (() => {
      try {
        unwrapReply(channel, reply);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    if (outcome !== null) expect(outcome).not.toMatch(NOT_REACHED);
    expect(engine.calls).toContain(EXAMPLES[channel].reaches);
  });
});

describe('through the dashboard socket (token and Origin, then dispatch)', () => {
  const engine = new RecordingEngine();
  let server: DashboardServer;
  let client: AppClient;
  let rendererDir: string;

  beforeAll(async () => {
    rendererDir = await mkdtemp(join(tmpdir(), 'apsd-channels-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>channels</title>');
    server = await startDashboardServer({ engine, port: 0, rendererDir });
    const origin = `http://127.0.0.1:${server.port}`;
    const token = new URL(server.url).searchParams.get('token')!;
    client = createSocketClient({
      url: `ws://127.0.0.1:${server.port}/ws?token=${token}`,
      createSocket: (url) => new WebSocket(url, { headers: { Origin: origin } }) as never,
    });
  });
  afterAll(async () => {
    client.close();
    await server.close();
    await rm(rendererDir, { recursive: true, force: true });
  });

  it.each(REQUEST_CHANNELS)('%s reaches its handler', async (channel) => {
    engine.calls.length = 0;
    const invoke = client.invoke as (c: RequestChannel, ...args: unknown[]) => Promise<unknown>;
    const outcome = await invoke(channel, ...EXAMPLES[channel].args).then(
      () => null,
      (error: Error) => error.message,
    );
    if (outcome !== null) expect(outcome).not.toMatch(NOT_REACHED);
    if (channel === 'link:open')
      // The dashboard's own handler answers: a browser page opens links itself.
      expect(outcome).toMatch(/^link:open: not available in the browser dashboard/);
    else if (channel === 'host:notices')
      // The dashboard's host has nothing macOS refused it: an empty list, from the handler.
      expect(outcome).toBeNull();
    else expect(engine.calls).toContain(EXAMPLES[channel].reaches);
  });
});
