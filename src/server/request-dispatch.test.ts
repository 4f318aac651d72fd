import { describe, expect, it } from 'vitest';
import {
  dashboardRequestHandlers,
  parseRequestFrame,
  runRequest,
  UNKNOWN_REQUEST_ID,
} from './request-dispatch';
import { EngineDouble } from '../../test/support/engine-double';

describe('parseRequestFrame', () => {
  it.each([
    ['null', 'bad frame: not an object'],
    ['[1]', 'bad frame: not an object'],
    ['"request"', 'bad frame: not an object'],
    [
      '{"type":"request","channel":"snapshot:get","args":[]}',
      'bad frame: id must be a non-negative integer',
    ],
    [
      '{"type":"request","id":-3,"channel":"snapshot:get","args":[]}',
      'bad frame: id must be a non-negative integer',
    ],
    [
      '{"type":"request","id":1.5,"channel":"snapshot:get","args":[]}',
      'bad frame: id must be a non-negative integer',
    ],
    ['\u0000\u00ff binary junk', 'bad frame: not JSON'],
  ])('refuses %s as malformed without an id', (text, error) => {
    expect(parseRequestFrame(text)).toEqual({ ok: false, id: UNKNOWN_REQUEST_ID, error });
  });

  it('leaves channel and arguments to dispatch: an unknown channel is refused there, by id', async () => {
    for (const channel of ['toString', 'constructor', 'snapshot:GET', 42]) {
      const text = JSON.stringify({ type: 'request', id: 5, channel, args: [] });
      const request = parseRequestFrame(text);
      expect(request).toEqual({ ok: true, id: 5, channel, args: [] });
      if (!request.ok) continue;
      const { response, refusal } = await runRequest(
        dashboardRequestHandlers(new EngineDouble()),
        request,
      );
      expect(refusal).toBe('unknown-channel');
      expect(response).toMatchObject({ id: 5, ok: false });
    }
  });

  it('answers bad arguments by id, as a refusal that is not a malformed frame', async () => {
    const text = JSON.stringify({
      type: 'request',
      id: 9,
      channel: 'probe:run',
      args: [{ host: 'a b' }],
    });
    const request = parseRequestFrame(text);
    if (!request.ok) throw new Error(request.error);
    expect(await runRequest(dashboardRequestHandlers(new EngineDouble()), request)).toEqual({
      response: {
        type: 'response',
        id: 9,
        ok: false,
        error: 'probe:run: invalid argument at 0.host: not a host name',
      },
      refusal: 'invalid-arguments',
    });
  });
});

describe('runRequest', () => {
  it('answers null, not a missing result, when the engine has no snapshot yet', async () => {
    const engine = new EngineDouble();
    engine.latest = () => null;
    const { response } = await runRequest(dashboardRequestHandlers(engine), {
      ok: true,
      id: 2,
      channel: 'snapshot:get',
      args: [],
    });
    expect(JSON.parse(JSON.stringify(response))).toEqual({
      type: 'response',
      id: 2,
      ok: true,
      result: null,
    });
  });

  it('keeps only the first line of an engine error, prefixed with the channel', async () => {
    const engine = new EngineDouble();
    const { response } = await runRequest(dashboardRequestHandlers(engine), {
      ok: true,
      id: 3,
      channel: 'probe:run',
      args: [{}],
    });
    expect(response).toEqual({
      type: 'response',
      id: 3,
      ok: false,
      error: 'probe:run: probe of default host failed: unreachable',
    });
  });
});
