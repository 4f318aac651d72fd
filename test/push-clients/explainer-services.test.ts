/**
 * The explainer's "Which services need it?" answers with this Mac's own list (apsctl status, read
 * through the stand-in as a real child process) beside the generic one, or says why it cannot.
 */
import { describe, expect, it } from 'vitest';
import { PushClientFacts } from '../../src/core/monitor/push-client-facts';
import { buildExplainer } from '../../src/shared/explainer';
import type { Snapshot } from '../../src/shared/snapshot';
import { fixturePath } from '../support/fixtures';
import { makeSnapshot } from '../support/snapshot-fixture';

const FAKE = fixturePath('bin/fake-apsctl');

async function snapshotWithApsctl(mode: string): Promise<Snapshot> {
  const previous = process.env.FAKE_APSCTL_MODE;
  process.env.FAKE_APSCTL_MODE = mode;
  try {
    const facts = new PushClientFacts({ binary: FAKE, platform: 'linux' });
    await facts.refresh(new Date());
    const { pushClients, source } = facts.part();
    const snapshot = makeSnapshot();
    return { ...snapshot, pushClients, source: { ...snapshot.source, pushClients: source } };
  } finally {
    if (previous === undefined) delete process.env.FAKE_APSCTL_MODE;
    else process.env.FAKE_APSCTL_MODE = previous;
  }
}

const whoNeedsIt = (snapshot: Snapshot) =>
  buildExplainer(snapshot).find((s) => s.id === 'who-needs-it')!;

describe('the explainer names the services that use push on this Mac', () => {
  it('lists them by name, with the courier and the clients not connected, beside the generic list', async () => {
    const section = whoNeedsIt(await snapshotWithApsctl(''));
    expect(section.answer[0]).toMatch(/^Messages \(iMessage\), FaceTime/);
    const [services, down] = section.evidence;
    expect(services).toMatch(/^On this Mac, apsd serves \d+ services: /);
    for (const name of ['iMessage', 'FaceTime', 'Text Message Forwarding'])
      expect(services).toContain(name);
    expect(services).toContain('production: connected to 22-courier.push.apple.com');
    // The MDM user channel is "Not connected to service" in the assembled status.
    expect(down).toBe('Not connected now: Device management (user channel).');
    expect(section.evidence.join('\n')).not.toMatch(/0x[0-9a-f]{8}/);
  });

  it('says the list is unknown, and why, when apsctl cannot be read: never an empty list', async () => {
    const evidence = whoNeedsIt(await snapshotWithApsctl('fail')).evidence;
    expect(evidence[0]).toMatch(
      /^This Mac's own list of push services is unknown: Push clients not read \(failed: .+\)\.$/,
    );
    expect(evidence.join('\n')).not.toMatch(/apsd serves/);
  });

  it('says it was not read when the snapshot carries no apsctl reading', () => {
    expect(whoNeedsIt(makeSnapshot()).evidence[0]).toBe(
      "This Mac's own list of push services was not read in this run.",
    );
  });
});
