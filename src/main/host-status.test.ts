import { describe, expect, it } from 'vitest';
import { hostNotices, loginItemNotice, notificationNotice } from './host-status';

describe('notificationNotice (the notification fallback)', () => {
  it('says nothing before a notification is tried and after one is shown', () => {
    expect(notificationNotice({ state: 'untried' })).toBeNull();
    expect(notificationNotice({ state: 'shown' })).toBeNull();
  });

  it("says macOS refused, with macOS's own words, and where the alert shows instead", () => {
    const notice = notificationNotice({
      state: 'refused',
      error: 'Notifications are not allowed for this application',
    });
    expect(notice?.topic).toBe('notifications');
    expect(notice?.text).toBe(
      'System notifications are off (macOS said: Notifications are not allowed for this application); ' +
        'unsigned builds cannot show them. Alerts show here and on the icon.',
    );
  });

  it('says so when this system has no notifications at all', () => {
    expect(notificationNotice({ state: 'unsupported' })?.text).toMatch(/not available/);
  });
});

describe('loginItemNotice (the login-item read-back)', () => {
  it('is silent when macOS agrees with the setting', () => {
    expect(loginItemNotice({ state: 'read', wanted: true, status: 'enabled' })).toBeNull();
    expect(loginItemNotice({ state: 'read', wanted: false, status: 'not-registered' })).toBeNull();
    expect(loginItemNotice({ state: 'read', wanted: false, status: 'not-found' })).toBeNull();
  });

  it('asks for approval where macOS wants it', () => {
    expect(
      loginItemNotice({ state: 'read', wanted: true, status: 'requires-approval' })?.text,
    ).toBe('Launch at login needs your approval in System Settings > General > Login Items.');
  });

  it('says when macOS did not register the item the user asked for', () => {
    for (const status of ['not-registered', 'not-found'] as const)
      expect(loginItemNotice({ state: 'read', wanted: true, status })?.text).toMatch(
        new RegExp(`has not registered apsd-watch \\(${status}\\)`),
      );
  });

  it('says when macOS still opens the app though the setting is off', () => {
    expect(loginItemNotice({ state: 'read', wanted: false, status: 'enabled' })?.text).toMatch(
      /still opens apsd-watch at login: remove it/,
    );
  });

  it('tells a development run that asked for it that it never registers one', () => {
    expect(loginItemNotice({ state: 'dev-run', wanted: true })?.text).toMatch(/npm start/);
    expect(loginItemNotice({ state: 'dev-run', wanted: false })).toBeNull();
  });
});

describe('hostNotices', () => {
  it('lists notifications first, then the login item, leaving out what is fine', () => {
    expect(
      hostNotices(
        { state: 'refused', error: 'denied' },
        { state: 'read', wanted: true, status: 'requires-approval' },
      ).map((n) => n.topic),
    ).toEqual(['notifications', 'login-item']);
    expect(hostNotices({ state: 'shown' }, null)).toEqual([]);
  });
});
