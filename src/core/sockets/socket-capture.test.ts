import { describe, expect, it } from 'vitest';
import { SocketCaptureError, parseSocketCapture } from './socket-capture';
import { readFixture } from '../../../test/support/fixtures';

const fixture = readFixture;

function captureError(text: string): SocketCaptureError {
  try {
    parseSocketCapture(text);
  } catch (error) {
    if (error instanceof SocketCaptureError) return error;
    throw error;
  }
  throw new Error('expected parseSocketCapture to throw');
}

describe('parseSocketCapture', () => {
  it('recognises every supported table by its header', () => {
    const formats = {
      'netstat/macos-10.9-An.txt': ['netstat-An', 11],
      'netstat/macos-10.9-an.txt': ['netstat-an', 12],
      'netstat/macos-10.12-anv-p-tcp.txt': ['netstat-anv-2014', 13],
      'netstat/macos-10.15-anv.txt': ['netstat-anv-2019', 8],
      'netstat/macos-13-anv-p-tcp.txt': ['netstat-anv-2022', 11],
      'netstat/macos-15-anv-p-tcp.txt': ['netstat-anv-2024', 9],
      'netstat/macos-26-anv-p-tcp.txt': ['netstat-anv-26', 15],
      'netstat/macos-26-anvl-p-tcp.txt': ['netstat-anv-26', 9],
      'netstat/nettop-tcp.csv': ['nettop-csv', 9],
      'ss/ss-tan.txt': ['ss-tan', 24],
      'ss/ss-tanp.txt': ['ss-tanp', 11],
      'ss/proc-net-tcp.txt': ['proc-net-tcp', 15],
      'ss/proc-net-tcp6.txt': ['proc-net-tcp6', 5],
    } as const;
    for (const [path, [format, rows]] of Object.entries(formats)) {
      const capture = parseSocketCapture(fixture(path));
      expect([path, capture.format, capture.rows.length]).toEqual([path, format, rows]);
    }
  });

  it('passes the parser warnings on', () => {
    expect(parseSocketCapture(fixture('netstat/macos-10.9-An.txt')).warnings).toHaveLength(1);
  });

  it('refuses empty, binary and unrelated input with one-line errors', () => {
    expect(captureError('').message).toMatch(
      /^the capture is empty; expected the output of netstat/,
    );
    expect(captureError(' \n\t\n').message).toMatch(/^the capture is empty/);
    const gzipHeader = Buffer.from([
      0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c,
    ]);
    expect(captureError(gzipHeader.toString('latin1')).message).toMatch(
      /^the capture is binary data/,
    );
    expect(captureError('\u00ff\u00fe\u0001\u0002\u0003\u0004garbage\u0005\u0006').message).toMatch(
      /binary data/,
    );
    expect(captureError('{"name":"apsd-watch","version":"0.1.0"}\n').message).toBe(
      'no socket table found in the capture; expected the output of netstat -an/-anv (macOS), lsof -i, ss -tan, /proc/net/tcp or nettop',
    );
    for (const error of [captureError(''), captureError('x\ny\n')])
      expect(error.message).not.toContain('\n');
  });

  it('refuses a table whose every row is garbled, naming the first bad line', () => {
    const text = [
      'Active Internet connections',
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)',
      'tcp4 zero zero nowhere nowhere FIN_WAIT_1',
      'tcp4 zero zero nowhere nowhere FIN_WAIT_1',
    ].join('\n');
    expect(captureError(text).message).toBe(
      'netstat-an: none of 2 rows could be read (line 3: Recv-Q or Send-Q is not a number)',
    );
  });

  it('accepts a table with a header and no rows: a machine with no sockets', () => {
    const capture = parseSocketCapture(
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)\n',
    );
    expect(capture).toEqual({
      rows: [],
      format: 'netstat-an',
      warnings: [],
      lines: { rows: 0, other: 1, notRead: 0 },
    });
  });
});
