/**
 * A flood of wrong tokens against a real dashboard server must not lock out the real user: a page
 * and a WebSocket signed in before the flood keep working, and the right token signs in during it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../shared/dashboard-protocol';
import { MAX_FAILED_SIGN_INS } from './dashboard-limits';
import {
  PAGE,
  rawRequest,
  startTestDashboard,
  type TestDashboard,
} from '../../test/support/dashboard-fixture';

let dash: TestDashboard;
beforeAll(async () => {
  dash = await startTestDashboard();
});
afterAll(() => dash.close());

/** Opens a WebSocket; resolves the socket, or the HTTP status the upgrade was refused with. */
function openSocket(headers: Record<string, string>, query = ''): Promise<WebSocket | number> {
  const socket = new WebSocket(`ws://127.0.0.1:${dash.server.port}/ws${query}`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

function ask(socket: WebSocket, id: number): Promise<ServerFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if ('id' in frame && frame.id === id) {
        socket.off('message', onMessage);
        resolve(frame);
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'request', id, channel: 'settings:get', args: [] }));
  });
}

describe('dashboard sign-in under a flood of wrong tokens', () => {
  it('keeps the signed-in page and socket working and lets the right token in', async () => {
    const signedIn = await openSocket({ Cookie: dash.cookie, Origin: dash.origin });
    if (typeof signedIn === 'number') throw new Error(`upgrade refused with ${signedIn}`);
    const wrongStatuses: number[] = [];
    const user = { pages: 0, socketAnswers: 0, signIns: 0, socketSignIns: 0 };
    const rounds = 40;
    const wrongPerRound = 10;
    for (let round = 0; round < rounds; round += 1) {
      // The flood: wrong tokens in the query, in a forged cookie and on the socket path.
      for (let i = 0; i < wrongPerRound; i += 1) {
        const guess = `wrong-${round}-${i}`;
        const how = i % 3;
        if (how === 0)
          wrongStatuses.push((await rawRequest(dash.server.port, `/?token=${guess}`)).status);
        else if (how === 1) {
          const forged = { Cookie: `apsd_watch_${dash.server.port}=${guess}` };
          wrongStatuses.push((await rawRequest(dash.server.port, '/', forged)).status);
        } else {
          const refused = await openSocket({ Origin: dash.origin }, `?token=${guess}`);
          wrongStatuses.push(typeof refused === 'number' ? refused : 101);
        }
      }
      // The real user, between the waves.
      const page = await rawRequest(dash.server.port, '/', { Cookie: dash.cookie });
      if (page.status === 200 && page.body === PAGE) user.pages += 1;
      const answer = await ask(signedIn, round + 1);
      if (answer.type === 'response' && answer.ok) user.socketAnswers += 1;
      const signIn = await rawRequest(dash.server.port, `/?token=${dash.token}`);
      if (signIn.status === 303 && String(signIn.headers['set-cookie']).includes(dash.cookie))
        user.signIns += 1;
      const fresh = await openSocket({ Origin: dash.origin }, `?token=${dash.token}`);
      if (typeof fresh !== 'number') {
        user.socketSignIns += 1;
        fresh.close();
      }
    }
    signedIn.close();

    const attempts = rounds * wrongPerRound;
    expect(wrongStatuses).toHaveLength(attempts);
    // Every wrong token is refused: the first ones 401, the rest of the window 429 on their own.
    expect(wrongStatuses.filter((s) => s === 401)).toHaveLength(MAX_FAILED_SIGN_INS);
    expect(wrongStatuses.filter((s) => s === 429)).toHaveLength(attempts - MAX_FAILED_SIGN_INS);
    expect(user).toEqual({
      pages: rounds,
      socketAnswers: rounds,
      signIns: rounds,
      socketSignIns: rounds,
    });
  });
});
