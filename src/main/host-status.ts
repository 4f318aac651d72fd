/**
 * What macOS refused the app, said where the user looks (the popover and Settings, through the
 * `host:notices` channel). Pure: Electron's answers come in as data. The alert itself is never
 * lost: the engine records it, the popover lists it and the icon turns amber or red whatever
 * happens to the system notification.
 */
import type { HostNotice } from '../shared/ipc-contract';

/** The latest system notification's fate. */
export type NotificationDelivery =
  | { state: 'untried' }
  | { state: 'shown' }
  | { state: 'unsupported' }
  | { state: 'refused'; error: string };

/** Electron's LoginItemSettings.status on macOS. */
export type LoginItemStatus = 'not-registered' | 'enabled' | 'requires-approval' | 'not-found';

/** The login item as macOS reports it back, against the user's setting. */
export type LoginItemReadBack =
  | { state: 'dev-run'; wanted: boolean }
  | { state: 'read'; wanted: boolean; status: LoginItemStatus };

const LOGIN_ITEMS_PANE = 'System Settings > General > Login Items';

export function notificationNotice(delivery: NotificationDelivery): HostNotice | null {
  switch (delivery.state) {
    case 'untried':
    case 'shown':
      return null;
    case 'unsupported':
      return {
        topic: 'notifications',
        text: 'System notifications are not available here; alerts show here and on the icon.',
      };
    case 'refused':
      return {
        topic: 'notifications',
        text:
          `System notifications are off (macOS said: ${delivery.error}); unsigned builds cannot ` +
          'show them. Alerts show here and on the icon.',
      };
  }
}

export function loginItemNotice(login: LoginItemReadBack): HostNotice | null {
  if (login.state === 'dev-run') {
    return login.wanted
      ? {
          topic: 'login-item',
          text: 'This is a development run (npm start): it never registers a login item. The installed app does.',
        }
      : null;
  }
  const { wanted, status } = login;
  if (status === 'requires-approval') {
    return {
      topic: 'login-item',
      text: `Launch at login needs your approval in ${LOGIN_ITEMS_PANE}.`,
    };
  }
  if (wanted && status !== 'enabled') {
    return {
      topic: 'login-item',
      text:
        `Launch at login is on here, but macOS has not registered apsd-watch (${status}); ` +
        `unsigned builds may be refused. Add it in ${LOGIN_ITEMS_PANE}.`,
    };
  }
  if (!wanted && status === 'enabled') {
    return {
      topic: 'login-item',
      text: `Launch at login is off here, but macOS still opens apsd-watch at login: remove it in ${LOGIN_ITEMS_PANE}.`,
    };
  }
  return null;
}

export function hostNotices(
  delivery: NotificationDelivery,
  login: LoginItemReadBack | null,
): HostNotice[] {
  return [notificationNotice(delivery), login && loginItemNotice(login)].filter(
    (notice): notice is HostNotice => notice !== null,
  );
}
