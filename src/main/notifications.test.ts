/**
 * The notification fallback with a stand-in for Electron's Notification that fails as an
 * unsigned app's does on macOS (Electron 42+: a `failed` event instead of a banner): the refusal
 * reaches `delivered` with macOS's words, and the engine's event is still handled.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationDelivery } from './host-status';

const behaviour = vi.hoisted(() => ({ supported: true, outcome: 'failed' as 'failed' | 'show' }));
vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  class Notification extends EventEmitter {
    static isSupported = () => behaviour.supported;
    show(): void {
      if (behaviour.outcome === 'failed')
        this.emit('failed', {}, 'Notifications are not allowed for this application');
      else this.emit('show', {});
    }
  }
  return { Notification };
});
const { showEngineNotifications } = await import('./notifications');

function run(): NotificationDelivery[] {
  const engine = new EventEmitter();
  const seen: NotificationDelivery[] = [];
  showEngineNotifications(
    engine as never,
    () => undefined,
    (d) => seen.push(d),
  );
  engine.emit('notification', { title: 'FIN_WAIT_1 pile-up', body: '412 sockets' });
  return seen;
}

describe('showEngineNotifications', () => {
  it('reports a refused notification with what macOS said', () => {
    Object.assign(behaviour, { supported: true, outcome: 'failed' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(run()).toEqual([
      { state: 'refused', error: 'Notifications are not allowed for this application' },
    ]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('reports a shown one, and an unsupported system', () => {
    Object.assign(behaviour, { supported: true, outcome: 'show' });
    expect(run()).toEqual([{ state: 'shown' }]);
    Object.assign(behaviour, { supported: false });
    expect(run()).toEqual([{ state: 'unsupported' }]);
  });
});
