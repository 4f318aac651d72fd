import { describe, expect, it } from 'vitest';
import type { Periodicity } from '../../shared/snapshot';
import { makeConnection, makeSnapshot } from '../../../test/support/snapshot-fixture';
import { buildVerdict, type VerdictInput } from './verdict';

const NOW = new Date(2025, 7, 9, 16, 30);
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

function periodicity(count: number, lastSeen: string | null = null): Periodicity {
  return {
    count,
    medianIntervalSeconds: count > 1 ? 5400 : null,
    regularity: count > 1 ? 0.9 : null,
    firstSeen: lastSeen,
    lastSeen,
  };
}

/** A healthy apsd: one long ESTABLISHED link, nothing lingering, no log lines. */
function healthy(): VerdictInput {
  const { connections, logs, spike, daemon } = makeSnapshot({
    connections: {
      items: [makeConnection({ peer: '17.57.146.23:5223', ageSeconds: 11_520 })],
      newPerHour: 0,
    },
    spike: { usual: 12 },
    daemon: { pid: 81, memoryBytes: 9_000_000, startedAt: minutesAgo(3 * 24 * 60) },
  });
  return {
    connections,
    logs,
    spike,
    daemon,
    daemonStatus: 'ok',
    daemonDetail: null,
    socketsStatus: 'ok',
    socketsDetail: null,
    daemonName: 'apsd',
    platform: 'darwin',
    now: NOW,
  };
}

function lingering(input: VerdictInput, count: number): VerdictInput {
  input.connections.finWait1 = { count, sendQueueBytes: 58_000, oldestAgeSeconds: 47 * 60 };
  return input;
}

describe('buildVerdict', () => {
  it('is ok with an ESTABLISHED link, and says connected only because of it', () => {
    const verdict = buildVerdict(healthy());
    expect(verdict.level).toBe('ok');
    expect(verdict.headline).toBe("apsd has an ESTABLISHED connection to Apple's push service");
    expect(verdict.reasons).toEqual([
      'Connected: 1 ESTABLISHED connection to 17.57.146.23:5223, seen for 3 h 12 min',
      'No connection in FIN_WAIT_1',
    ]);
  });

  it('alerts on a trust failure in the last 24 h, before anything else', () => {
    const input = healthy();
    input.logs.byKind['trust-failure'] = 1;
    input.logs.periodicity['trust-failure'] = periodicity(
      1,
      new Date(2025, 7, 9, 14, 2).toISOString(),
    );
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('alert');
    expect(verdict.headline).toBe('apsd reported a trust failure at 14:02: possible interception');
    expect(verdict.reasons[0]).toBe('Trust failure at 14:02: possible interception');
  });

  it('does not alert on a trust failure older than 24 h, but still names it (scan-logs reads old archives)', () => {
    const input = healthy();
    input.logs.periodicity['trust-failure'] = periodicity(2, minutesAgo(25 * 60));
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('watch');
    expect(verdict.reasons[0]).toMatch(
      /^2 trust failures, the latest at .+, more than a day ago: possible interception then$/,
    );
  });

  it('alerts on an active spike with counts, age and unsent bytes', () => {
    const input = lingering(healthy(), 412);
    input.spike = {
      ...input.spike,
      active: true,
      since: new Date(2025, 7, 9, 16, 3).toISOString(),
    };
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('alert');
    expect(verdict.headline).toBe('FIN_WAIT_1 spike: 412 connections lingering');
    expect(verdict.reasons[0]).toBe(
      '412 connections lingering in FIN_WAIT_1 (oldest 47 min, 58 KB unsent)',
    );
    expect(verdict.reasons).toContain(
      'A spike since 16:03: the usual level is about 12, the spike level 50',
    );
    // Put in context, never called an attack.
    const text = verdict.reasons.join(' ');
    expect(text).toMatch(/no sign of an attack/);
    expect(text.replaceAll('no sign of an attack', '')).not.toMatch(/attack|intercept/i);
  });

  it('only watches a pile-up that began in the wake grace', () => {
    const input = lingering(healthy(), 300);
    input.spike = { ...input.spike, active: true, since: minutesAgo(2), quietReason: 'wake' };
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('watch');
    expect(verdict.headline).toBe('FIN_WAIT_1 pile-up after waking from sleep: 300 connections');
  });

  it('watches FIN_WAIT_1 at or above the threshold without a spike', () => {
    const verdict = buildVerdict(lingering(healthy(), 50));
    expect(verdict.level).toBe('watch');
    expect(verdict.reasons[0]).toBe(
      '50 connections lingering in FIN_WAIT_1 (oldest 47 min, 58 KB unsent): at or above the spike level of 50, not yet sustained',
    );
  });

  it('stays ok with a few lingering below the threshold, and says what is usual', () => {
    const verdict = buildVerdict(lingering(healthy(), 10_412 - 10_400));
    expect(verdict.level).toBe('ok');
    expect(verdict.reasons).toContain(
      '12 connections lingering in FIN_WAIT_1 (oldest 47 min, 58 KB unsent): the usual level is about 12',
    );
  });

  it('watches when apsd runs without an ESTABLISHED link', () => {
    const input = healthy();
    input.connections.established = { count: 0, longest: null };
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('watch');
    expect(verdict.headline).toBe("No ESTABLISHED connection to Apple's push service");
    expect(verdict.reasons.join(' ')).not.toMatch(/connected/i);
  });

  it('watches when apsd is not running on a Mac: says what stops and how to start it again', () => {
    const input = healthy();
    input.connections.established = { count: 0, longest: null };
    input.daemon = { ...input.daemon, running: false, pid: null };
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('watch');
    expect(verdict.headline).toBe('apsd is not running: no push notification can arrive');
    const why = verdict.reasons.join(' ');
    for (const service of ['Messages', 'FaceTime', 'Find My', 'iCloud push', 'device management'])
      expect(why).toContain(service);
    expect(why).toContain(
      'sudo launchctl load -w /System/Library/LaunchDaemons/com.apple.apsd.plist',
    );
    expect(why).toMatch(/launchd normally starts it again/);
    expect(why).toMatch(/not confirmed/);
  });

  it('still says apsd is not running on a Mac when the socket sample failed', () => {
    const input = healthy();
    input.daemon = { ...input.daemon, running: false, pid: null };
    input.socketsStatus = 'failed';
    input.socketsDetail = 'netstat -anvl -p tcp: exit 1';
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('watch');
    expect(verdict.reasons.some((r) => r.startsWith('apsd is not running: without it'))).toBe(true);
  });

  it('is ok only off macOS, and the headline says this is not a Mac', () => {
    const input = healthy();
    input.platform = 'linux';
    input.connections.established = { count: 0, longest: null };
    input.daemon = { ...input.daemon, running: false, pid: null };
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('ok');
    expect(verdict.headline).toBe('This is not a Mac (linux): apsd runs only on macOS');
    expect(verdict.reasons.join(' ')).not.toMatch(/launchctl/);
  });

  it('words another watched daemon plainly on either platform', () => {
    const input = healthy();
    input.daemonName = 'sshd';
    input.connections.established = { count: 0, longest: null };
    input.daemon = { ...input.daemon, name: 'sshd', running: false, pid: null };
    expect(buildVerdict(input)).toMatchObject({
      level: 'watch',
      headline: 'sshd is not running on this Mac',
    });
    input.platform = 'linux';
    expect(buildVerdict(input)).toMatchObject({
      level: 'ok',
      headline: 'sshd is not running on this machine',
    });
  });

  it('does not read a failed daemon check as "not running"', () => {
    const input = healthy();
    input.connections.established = { count: 0, longest: null };
    input.daemon = { ...input.daemon, running: false, pid: null };
    input.daemonStatus = 'failed';
    input.daemonDetail = 'process list came back empty';
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('watch');
    expect(verdict.reasons).toContain(
      'Could not check whether apsd is running: process list came back empty',
    );
    expect(verdict.reasons.join(' ')).not.toMatch(/is not running/);
  });

  it('watches a failed sample and states nothing from the stale connection table', () => {
    const input = lingering(healthy(), 412);
    input.socketsStatus = 'failed';
    input.socketsDetail = 'netstat -anv -p tcp: no answer within 10 s, killed';
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('watch');
    expect(verdict.headline).toBe(
      "Could not read apsd's connections: netstat -anv -p tcp: no answer within 10 s, killed",
    );
    expect(verdict.reasons.join(' ')).not.toMatch(/FIN_WAIT_1|Connected/);
  });

  it('says it is waiting before the first sample instead of "no connection"', () => {
    const input = healthy();
    input.socketsStatus = 'starting';
    input.connections.established = { count: 0, longest: null };
    const verdict = buildVerdict(input);
    expect(verdict).toMatchObject({
      level: 'ok',
      headline: 'Starting: waiting for the first sample',
    });
  });

  it('watches a recent daemon restart and forgets it after 30 min', () => {
    const input = healthy();
    input.daemon = {
      ...input.daemon,
      pid: 4123,
      restartedAt: new Date(2025, 7, 9, 16, 2).toISOString(),
    };
    const recent = buildVerdict(input);
    expect(recent.level).toBe('watch');
    expect(recent.headline).toBe('apsd restarted at 16:02');
    expect(recent.reasons).toContain('apsd restarted at 16:02 (now pid 4123)');
    input.daemon.restartedAt = minutesAgo(31);
    expect(buildVerdict(input).level).toBe('ok');
  });

  it('counts the leaf-certificate message as known and benign, with its rhythm', () => {
    const input = healthy();
    input.logs.byKind['leaf-certificate'] = 16;
    input.logs.periodicity['leaf-certificate'] = periodicity(16, minutesAgo(10));
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('ok');
    expect(verdict.reasons).toContain(
      "'Unrecognized leaf certificate' 16 times, every ~1 h 30 min: a known message, reported as benign",
    );
  });

  it('lists the most serious reasons first and leads with the highest level', () => {
    const input = lingering(healthy(), 60);
    input.connections.established = { count: 0, longest: null };
    input.logs.periodicity['trust-failure'] = periodicity(3, minutesAgo(60));
    const verdict = buildVerdict(input);
    expect(verdict.level).toBe('alert');
    expect(verdict.reasons[0]).toBe('3 trust failures, the latest at 15:30: possible interception');
    expect(verdict.reasons[1]).toBe("No ESTABLISHED connection to Apple's push service");
    expect(verdict.reasons[2]).toMatch(/^60 connections lingering/);
  });
});
