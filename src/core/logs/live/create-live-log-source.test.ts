import { describe, expect, it } from 'vitest';
import { createLogSource, SYSLOG_PATHS, type LogSourceContext } from './create-live-log-source';
import { SyslogFollower } from './syslog-follower';
import { UnifiedLogStream } from './unified-log-stream';

const base: LogSourceContext = {
  processes: ['apsd'],
  backfillSeconds: 3600,
  platform: 'darwin',
  osRelease: '23.6.0',
};

describe('createLogSource', () => {
  it('uses the unified log on macOS 10.12 (Darwin 16) and later', () => {
    const source = createLogSource({ kind: 'auto' }, base);
    expect(source).toBeInstanceOf(UnifiedLogStream);
    expect(source?.status.from).toBe(`log stream --style ndjson --predicate 'process == "apsd"'`);
  });

  it('follows /var/log/system.log on OS X 10.11 (Darwin 15) and earlier', () => {
    const source = createLogSource({ kind: 'auto' }, { ...base, osRelease: '15.6.0' });
    expect(source).toBeInstanceOf(SyslogFollower);
    expect(source?.status.from).toBe('/var/log/system.log');
  });

  it('follows a syslog file elsewhere', () => {
    const source = createLogSource(
      { kind: 'auto' },
      { ...base, platform: 'linux', osRelease: '6.1.0' },
    );
    expect(source).toBeInstanceOf(SyslogFollower);
    expect(SYSLOG_PATHS).toContain(source?.status.from);
  });

  it('builds what is asked for explicitly', () => {
    expect(createLogSource({ kind: 'none' }, base)).toBeNull();
    const file = createLogSource({ kind: 'syslog-file', path: '/tmp/x.log' }, base);
    expect(file?.status).toMatchObject({ from: '/tmp/x.log', state: 'starting' });
    const stream = createLogSource(
      { kind: 'unified-log', logBinary: '/opt/fake-log' },
      { ...base, processes: ['a', 'b'] },
    );
    expect(stream?.status.from).toBe(
      `/opt/fake-log stream --style ndjson --predicate 'process == "a" OR process == "b"'`,
    );
  });
});
