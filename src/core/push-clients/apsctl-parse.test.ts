import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test/support/fixtures';
import { classifyClientStatus, parseApsctlDate, parseApsctlStatus } from './apsctl-parse';
import { scrubTokens, TOKEN_REMOVED } from './scrub-tokens';

const assembled = readFixture('apsctl/status-assembled.txt');

describe('parseApsctlStatus on the assembled fixture', () => {
  const reading = parseApsctlStatus(assembled);

  it('reads every line (the fixture has 48 lines, counted with wc -l)', () => {
    expect(reading.linesRead + reading.linesNotRead).toBe(48);
    expect(reading.linesNotRead).toBe(0);
    expect(reading.recognised).toBe(true);
  });

  it('finds both environments, the courier under production and none under development', () => {
    expect(reading.environments).toEqual([
      { name: 'production', courier: '22-courier.push.apple.com', connected: true },
      { name: 'development', courier: null, connected: false },
    ]);
    expect(reading.daemonStartedAt).toBe(new Date(2026, 11, 4, 8, 1, 2).toISOString());
  });

  it('reads each client, its status, user, token as yes/no, topics and last push', () => {
    const [device, user, imagent, cloudd] = reading.clients;
    expect(reading.clients).toHaveLength(4);
    expect(device).toMatchObject({
      portName: 'com.apple.aps.mdmclient.daemon.push.production',
      environment: 'production',
      statusKind: 'ok',
      user: 'root',
      hasToken: true,
      pushCount: 14,
      lastPushAt: new Date(2026, 11, 4, 9, 12, 40).toISOString(),
      lastPushTopic: 'com.apple.mgmt.External.5C1D8E6A-2B7F-4A11-9C3D-0E4F5A6B7C8D',
    });
    expect(device!.topics).toEqual([
      {
        name: 'com.apple.mgmt.External.5C1D8E6A-2B7F-4A11-9C3D-0E4F5A6B7C8D',
        list: 'enabled',
        status: 'Ok',
        flags: ['push-to-wake'],
      },
    ]);
    expect(user).toMatchObject({ statusKind: 'not-connected', hasToken: false, user: '501' });
    expect(imagent!.process).toBe('imagent');
    expect(imagent!.topics.map((t) => t.name)).toEqual([
      'com.apple.madrid',
      'com.apple.ess',
      'com.apple.private.alloy.sms',
    ]);
    expect(cloudd!.statusKind).toBe('waiting');
    expect(cloudd!.topics.map((t) => [t.list, t.status])).toEqual([
      ['opportunistic', 'Ok'],
      ['nonwaking', 'Paused, topic is redlisted'],
    ]);
  });

  it('keeps no byte of any token', () => {
    const json = JSON.stringify(reading);
    for (const group of ['3f2a1b4c', '5d6e7f80', '0a1b2c3d', '99aabbcc', 'ddeeff00'])
      expect(json).not.toContain(group);
  });
});

describe('the reader on other layouts', () => {
  it('reads the older `connected to server hostname:` label and flat indentation', () => {
    const reading = parseApsctlStatus(
      'connection environment: production\nconnected to server hostname: 7-courier.push.apple.com\n',
    );
    expect(reading.environments[0]).toMatchObject({
      courier: '7-courier.push.apple.com',
      connected: true,
    });
  });

  it('says nothing about the courier when a label in the block is unknown', () => {
    const reading = parseApsctlStatus(
      'connection environment: production\n  courier address: 17.57.144.12\n',
    );
    expect(reading.environments[0]!.connected).toBeNull();
    expect(reading.unknownLabels).toEqual({ 'courier address': 1 });
    expect(reading.linesNotRead).toBe(1);
    expect(reading.firstNotReadLine).toBe(2);
  });

  it('counts a line with no label as not read and keeps none of its text', () => {
    const reading = parseApsctlStatus('process: x\n%%% secret 1234 %%%\n');
    expect(reading.linesNotRead).toBe(1);
    expect(JSON.stringify(reading)).not.toContain('secret');
  });
});

describe('classifyClientStatus', () => {
  it.each([
    ['Ok', 'ok'],
    ['Waiting for push notifications', 'waiting'],
    ['No listening topics, will not send or receive push notifications', 'no-topics'],
    ['Missing token, requesting one', 'missing-token'],
    ['Not connected to service during dark wake', 'not-connected'],
    ['User not connected (no user logged in)', 'user-not-connected'],
    ['Unregistered port name', 'unregistered'],
    ['No eligible topics for this connection', 'no-eligible-topics'],
    ['Something new', 'other'],
    ['', 'not-shown'],
  ])('%s -> %s', (text, kind) => expect(classifyClientStatus(text)).toBe(kind));
});

describe('parseApsctlDate', () => {
  it('reads the scripts format with Unicode spaces, 12 h clock', () => {
    expect(parseApsctlDate('Nov 3, 2023 at 12:05:09\u202fPM (1 day ago)')).toBe(
      new Date(2023, 10, 3, 12, 5, 9).toISOString(),
    );
    expect(parseApsctlDate('Nov 3, 2023 at 12:05:09 AM')).toBe(
      new Date(2023, 10, 3, 0, 5, 9).toISOString(),
    );
  });
  it('reads an NSDate description with its zone', () => {
    expect(parseApsctlDate('2023-11-03 10:11:12 +0000')).toBe('2023-11-03T10:11:12.000Z');
  });
  it('returns null for anything else', () => {
    expect(parseApsctlDate('never')).toBeNull();
    expect(parseApsctlDate('Foo 3, 2023 at 10:11:12 AM')).toBeNull();
  });
});

describe('scrubTokens', () => {
  it('removes NSData descriptions, bare hex and base64 runs, keeps UUIDs, hosts and decimals', () => {
    const text = [
      '  token: Yes, {length = 32, bytes = 0x3f2a1b4c 5d6e7f80 ... 91a2b3c4 d5e6f708}',
      '  push token: <3f2a1b4c 5d6e7f80 91a2b3c4 d5e6f708>',
      'odd: 3f2a1b4c5d6e7f8091a2b3c4d5e6f708 and Pz8qG0xdbn+AkaKzxNXm9whPz8qG0xdbn+AkaKzxNXm9wg=',
      'topic: com.apple.mgmt.External.5C1D8E6A-2B7F-4A11-9C3D-0E4F5A6B7C8D at 22-courier.push.apple.com',
      'timestamp 1791110642485096788',
      'token: Missing',
    ].join('\n');
    const scrubbed = scrubTokens(text);
    expect(scrubbed).not.toMatch(/3f2a1b4c|5d6e7f80|Pz8qG0/);
    expect(scrubbed).toContain('5C1D8E6A-2B7F-4A11-9C3D-0E4F5A6B7C8D');
    expect(scrubbed).toContain('22-courier.push.apple.com');
    expect(scrubbed).toContain('1791110642485096788');
    expect(scrubbed).toContain(`token: Yes, ${TOKEN_REMOVED}`);
    expect(scrubbed).toContain('token: Missing');
    expect(scrubTokens(scrubbed)).toBe(scrubbed);
  });
});
