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
    expect(parseRequestFrame(text)).toEqual({
      ok: false,
      id: UNKNOWN_REQUEST_ID,
      error,
      malformed: true,
    });
  });

  it('keeps the id of a frame whose channel is unknown or inherited', () => {
    for (const channel of ['toString', 'constructor', 'snapshot:GET', 42]) {
      const text = JSON.stringify({ type: 'request', id: 5, channel, args: [] });
      expect(parseRequestFrame(text)).toMatchObject({ ok: false, id: 5, malformed: true });
    }
  });

  it('treats bad arguments as an answerable error, not as a malformed frame', () => {
    const text = JSON.stringify({
      type: 'request',
      id: 9,
      channel: 'probe:run',
      args: [{ host: 'a b' }],
    });
    expect(parseRequestFrame(text)).toEqual({
      ok: false,
      id: 9,
      error: 'probe:run: invalid argument at 0.host: not a host name',
      malformed: false,
    });
  });

  it('accepts a valid frame with its validated args', () => {
    const text = JSON.stringify({ type: 'request', id: 0, channel: 'history:get', args: ['7d'] });
    expect(parseRequestFrame(text)).toEqual({
      ok: true,
      id: 0,
      channel: 'history:get',
      args: ['7d'],
    });
  });
});

describe('runRequest', () => {
  it('answers null, not a missing result, when the engine has no snapshot yet', async () => {
    const engine = new EngineDouble();
    engine.latest = () => null;
    const response = await runRequest(dashboardRequestHandlers(engine), {
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

  it('keeps only the first line of an engine error', async () => {
    const engine = new EngineDouble();
    const response = await runRequest(dashboardRequestHandlers(engine), {
      ok: true,
      id: 3,
      channel: 'probe:run',
      args: [{}],
    });
    expect(response).toEqual({
      type: 'response',
      id: 3,
      ok: false,
      error: 'probe of default host failed: unreachable',
    });
  });
});
