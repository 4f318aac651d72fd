import { describe, expect, it } from 'vitest';
import { LineClassifier } from './line-roles';

/** The class of each line, in order, with the format of records. */
function classes(lines: string[]): string[] {
  const classifier = new LineClassifier();
  return lines.map((line) => {
    const c = classifier.classify(line);
    if (c.type === 'record') return `record:${c.record.format}:${c.record.process}`;
    if (c.type === 'framing') return `framing:${c.kind}`;
    return c.type;
  });
}

describe('LineClassifier', () => {
  it("reads log show's banners, header, rows with collapsed columns, and its trailers", () => {
    expect(
      classes([
        'Filtering the log data using "process == "apsd""',
        'Skipping info and debug messages, pass --info and/or --debug to include.',
        'Timestamp                       Thread     Type        Activity             PID    TTL  ',
        '2026-09-15 08:35:55.176162-0700 0x2b5 Default 0x0 133 0 apsd: [com.apple.apsd:courier] <private> user courier finished processing server bag (1/2)',
        '2016-10-05 10:13:16.617342-0700 0x1d4      Default     0x0                  81     apsd: (ApplePushService) no TTL column in 10.12',
        '--------------------------------------------------------------------------------------------------------------------',
        'Log      - Default:          1, Info:                0, Debug:             0, Error:          0, Fault:          0',
        'Activity - Create:           0, Transition:          0, Actions:           0',
        '{"count":5467,"finished":1}',
      ]),
    ).toEqual([
      'framing:banner',
      'framing:banner',
      'framing:header',
      'record:log-default:apsd',
      'record:log-default:apsd',
      'framing:trailer',
      'framing:trailer',
      'framing:trailer',
      'framing:trailer',
    ]);
  });

  it('sees through grep prefixes of several files, with -n, and keeps their continuations', () => {
    expect(
      classes([
        '/var/log/system.log:May 25 00:48:01 mac.local apsd[106]: Stream error occurred for <private>:',
        '/var/log/system.log:\tError Domain=kCFErrorDomainCFNetwork Code=-1005',
        '/var/log/system.log.1.gz:May 24 23:18:01 mac.local apsd[106]: Unrecognized leaf certificate',
        'system.log:12:May 25 00:48:01 mac.local apsd[106]: Unrecognized leaf certificate',
        '12:May 25 00:48:01 mac.local apsd[106]: Unrecognized leaf certificate',
        '--',
      ]),
    ).toEqual([
      'record:syslog:apsd',
      'continuation',
      'record:syslog:apsd',
      'record:syslog:apsd',
      'record:syslog:apsd',
      'framing:separator',
    ]);
  });

  it('tells compact rows, their tab-indented continuations and prose apart', () => {
    expect(
      classes([
        'Here is what I see:',
        '```',
        'Timestamp               Ty Process[PID:TID]',
        '2026-08-29 11:36:39.340 Df apsd[392:1224] [com.apple.apsd:courier] Connected to courier 18-courier.push.apple.com (17.57.144.12)',
        '\tlibinfo check path: <private>',
        '2026-08-29 11:36:39.341 E  apsd[392:1224] cut short',
        '2026-08-29 11:36',
        '```',
        'Any idea?',
      ]),
    ).toEqual([
      'not-read',
      'framing:fence',
      'framing:header',
      'record:log-compact:apsd',
      'continuation',
      'record:log-compact:apsd',
      'not-read',
      'framing:fence',
      'not-read',
    ]);
  });

  it('reads prompts, elisions and repeats as what they are', () => {
    expect(
      classes([
        '$ zgrep apsd /var/log/system.log.[0-6].gz',
        'user@MacBook ~ % log show --last 1h --predicate \'process == "apsd"\'',
        'bash-3.2$ grep apsd /var/log/system.log',
        '[...]',
        '…',
        'May  7 21:54:23 host.local apsd[81]: Unrecognized leaf certificate',
        'May  7 21:54:53 host.local --- last message repeated 2 times ---',
      ]),
    ).toEqual([
      'framing:prompt',
      'framing:prompt',
      'framing:prompt',
      'framing:elision',
      'framing:elision',
      'record:syslog:apsd',
      'repeat',
    ]);
  });
});
