/**
 * A process that records history samples as fast as a busy engine would, acknowledging each on
 * stdout once `record` has returned; the kill test kills it at random moments.
 * argv: <data dir> <first index> <last index> <base time ms> <compact after entries>
 */
import { writeSync } from 'node:fs';
import { HistoryStore } from '../../src/core/history/history-store';

const [dir, first, last, base, compactAfter] = process.argv.slice(2);
const store = await HistoryStore.open(dir!, { compactAfterEntries: Number(compactAfter) });
if (store.warnings.length) writeSync(2, `${store.warnings.join('\n')}\n`);
for (let i = Number(first); i <= Number(last); i += 1) {
  store.record({
    t: Number(base) + i * 1000,
    finWait1: i,
    established: 1,
    total: i + 1,
    sendQueueBytes: 0,
  });
  if (i % 3 === 0) store.mark({ t: Number(base) + i * 1000, kind: 'trust-failure', count: 1 });
  writeSync(1, `${i}\n`);
  await new Promise((resolve) => setTimeout(resolve, 1));
}
setInterval(() => {}, 60_000); // idle until killed
