import { describe, expect, it } from 'vitest';
import type { AppNotification } from '../shared/snapshot';
import { PUSHED_ROWS, viewSnapshot } from '../shared/connection-query';
import { makeConnections, makeSnapshot } from '../../test/support/snapshot-fixture';
import { createPushRelay, type PushSend } from './push-relay';

function recorder() {
  const sent: [string, unknown][] = [];
  const send: PushSend = (channel, payload) => void sent.push([channel, payload]);
  return { sent, relay: createPushRelay(send) };
}

const spikeNote: AppNotification = {
  id: 'spike-1',
  kind: 'spike',
  at: '2026-05-07T21:54:23.000Z',
  title: 'FIN_WAIT_1 pile-up',
  body: '412 push connections are stuck closing.',
};

describe('push relay', () => {
  it('sends nothing while the window is hidden', () => {
    const { sent, relay } = recorder();
    relay.snapshot(makeSnapshot());
    relay.notification(spikeNote);
    expect(relay.visible).toBe(false);
    expect(sent).toEqual([]);
  });

  it('sends the latest snapshot on show, then each new event while visible', () => {
    const { sent, relay } = recorder();
    const latest = makeSnapshot({ connections: { finWait1: { count: 1 } } });
    const next = makeSnapshot({ connections: { finWait1: { count: 2 } } });
    relay.shown(latest);
    relay.snapshot(next);
    relay.notification(spikeNote);
    expect(sent).toEqual([
      ['snapshot', latest],
      ['snapshot', next],
      ['notification', spikeNote],
    ]);
  });

  it('shows without sending when there is no snapshot yet', () => {
    const { sent, relay } = recorder();
    relay.shown(null);
    expect(relay.visible).toBe(true);
    expect(sent).toEqual([]);
  });

  it('stops sending after the window hides', () => {
    const { sent, relay } = recorder();
    relay.shown(null);
    relay.hidden();
    relay.snapshot(makeSnapshot());
    expect(sent).toEqual([]);
  });

  it('sends a big snapshot cut to its most urgent rows, counts intact', () => {
    const { sent, relay } = recorder();
    const big = makeSnapshot({ connections: { items: makeConnections(10_000) } });
    relay.shown(big);
    relay.snapshot(big);
    expect(sent).toEqual([
      ['snapshot', viewSnapshot(big)],
      ['snapshot', viewSnapshot(big)],
    ]);
    const payload = sent[0]?.[1] as typeof big;
    expect(payload.connections.items).toHaveLength(PUSHED_ROWS);
    expect(payload.connections.total).toBe(10_000);
  });
});
