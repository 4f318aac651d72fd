import { describe, expect, it } from 'vitest';
import { logSourceFinding } from './verdict-log-findings';
import { logSection } from '../report/report-markdown';
import { makeSnapshot } from '../../../test/support/snapshot-fixture';
import type { SourceInfo } from '../../shared/snapshot';

const logs = (over: Partial<SourceInfo['logs']>): SourceInfo['logs'] => ({
  status: 'ok',
  from: 'system.log (syslog)',
  linesRead: 12,
  detail: null,
  ...over,
});

describe('logSourceFinding', () => {
  it('says nothing when log lines were read, or logs were not part of the run', () => {
    expect(logSourceFinding(logs({}), 'darwin')).toBeNull();
    expect(logSourceFinding(logs({ status: 'skipped', linesRead: 0 }), 'darwin')).toBeNull();
  });

  it('is watch when some files could not be read, and never claims no trust failures', () => {
    const finding = logSourceFinding(
      logs({ status: 'failed', detail: '1 of 2 files not read: notes.txt' }),
      'linux',
    );
    expect(finding).toEqual({
      level: 'watch',
      headline: 'Could not read all of the logs: 1 of 2 files not read: notes.txt',
      reason:
        'Could not read all of the logs: 1 of 2 files not read: notes.txt; trust failures in them are unknown',
    });
  });

  it('says no line was read: watch on a Mac whose log is unavailable, a reason elsewhere', () => {
    const none = logs({ status: 'unavailable', from: 'none', linesRead: 0, detail: 'no log tool' });
    expect(logSourceFinding(none, 'darwin')).toMatchObject({
      level: 'watch',
      reason: 'No log line was read (no log tool), so trust failures cannot be ruled out',
    });
    expect(logSourceFinding(none, 'linux')).toMatchObject({ level: 'ok', headline: null });
    expect(logSourceFinding(logs({ linesRead: 0 }), 'darwin')?.reason).toMatch(
      /cannot be ruled out/,
    );
  });
});

describe('the report on logs never read', () => {
  it('says "Not read" instead of a table of zeros', () => {
    const snapshot = makeSnapshot({});
    snapshot.source.logs = logs({ status: 'unavailable', linesRead: 0, detail: 'no log tool' });
    const section = logSection(snapshot).join('\n');
    expect(section).toContain(
      'Not read: no log tool. Trust failures and certificate messages cannot be ruled out.',
    );
    expect(section).not.toMatch(/\| *trust-failure *\| *0 *\|/);
  });
});
