import { describe, expect, it } from 'vitest';
import type { AttributedRow } from '../sockets/attribution';
import { DAEMON_CHECK_MS, DaemonFacts } from './daemon-facts';

const row = (pid: number, attributedBy: string): AttributedRow => ({
  protocol: 'tcp4',
  localAddress: '192.168.1.44',
  localPort: 50412,
  peerAddress: '17.57.146.20',
  peerPort: 5223,
  state: 'ESTABLISHED',
  recvQueue: 0,
  sendQueue: 0,
  pid,
  process: 'no-such-daemon-apsd-watch',
  attributedBy,
});

describe('DaemonFacts (real process list)', () => {
  it("checks once per period, and again at once when a new pid shows on the daemon's sockets", async () => {
    const facts = new DaemonFacts('no-such-daemon-apsd-watch', process.platform);
    const t0 = new Date();
    const first = await facts.current(t0);
    expect(first?.status).toBe('ok');
    expect(first?.daemon.running).toBe(false);
    expect(facts.mayBeRunning()).toBe(false);
    // Within the period: the same check, no new process listing.
    expect(await facts.current(new Date(t0.getTime() + 1000))).toBe(first);
    // A peer-attributed socket says nothing about the daemon's pid.
    facts.noticePids([row(4242, 'peer port 5223 in 17.0.0.0/8')]);
    expect(await facts.current(new Date(t0.getTime() + 2000))).toBe(first);
    // A process-attributed socket with an unknown pid: apsd may have restarted.
    facts.noticePids([row(4242, 'process no-such-daemon-apsd-watch')]);
    const again = await facts.current(new Date(t0.getTime() + 3000));
    expect(again).not.toBe(first);
    // The same pid does not trigger twice; the period does.
    facts.noticePids([row(4242, 'process no-such-daemon-apsd-watch')]);
    expect(await facts.current(new Date(t0.getTime() + 4000))).toBe(again);
    expect(await facts.current(new Date(t0.getTime() + 3000 + DAEMON_CHECK_MS))).not.toBe(again);
  });
});
