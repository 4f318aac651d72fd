/**
 * The sockets sections 1 and 6 sample, held in the bench's own process (every measured side runs
 * in a fresh one): a loopback "push" server with N real FIN_WAIT_1 orphans (Send-Q > 0) and one
 * live link, and another server with idle ESTABLISHED pairs up to the wanted total.
 */
import { readFileSync } from 'node:fs';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
} from '../../test/support/loopback-sockets';
import { onCleanup } from '../lib/cleanup';

export interface Farm {
  pushPort: number;
  /** FIN_WAIT_1 orphans made, and the TCP sockets on the machine before the farm. */
  finWait1: number;
  before: number;
  establishedPairs: number;
  /** Closes the FIN_WAIT_1 set and makes a fresh one (Linux drops zero-window orphans in time). */
  refresh(): Promise<void>;
  stop(): Promise<void>;
}

/** Every TCP socket on the machine, and the FIN_WAIT_1 ones with Send-Q > 0 towards `pushPort`. */
export function countSockets(pushPort: number): { total: number; stuck: number } {
  const rows = ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) =>
    readFileSync(file, 'utf8').trim().split('\n').slice(1),
  );
  // `sl local rem st tx_queue:rx_queue ...`; state 04 is FIN_WAIT1; addresses end in :PORT (hex).
  const stuck = rows.filter((row) => {
    const [, , remote, state, queues] = row.trim().split(/\s+/);
    return (
      state === '04' &&
      parseInt(queues!.split(':')[0]!, 16) > 0 &&
      parseInt(remote!.split(':')[1]!, 16) === pushPort
    );
  }).length;
  return { total: rows.length, stuck };
}

/** ~10,000 TCP sockets on the machine, 400 of them stuck (quick: 2,000 and 100). */
export async function startFarm(quick: boolean): Promise<Farm> {
  const [total, finWait1] = quick ? [2_000, 100] : [10_000, 400];
  const before = countSockets(0).total;
  const stop = onCleanup(closeAll);
  try {
    // Tops the machine up to the total (other work on a shared machine owns some sockets); each
    // FIN_WAIT_1 orphan leaves its accepted server end ESTABLISHED: 2 sockets each.
    const wanted = Math.max(2 * finWait1 + 200, total - before);
    const establishedPairs = Math.max(0, Math.floor((wanted - 2 * finWait1 - 2) / 2));
    const push = await openLoopbackServer();
    let stuck = await createFinWait1(push, finWait1);
    await createEstablished(push, 1); // the live push link
    await createEstablished(await openLoopbackServer(), establishedPairs, { concurrency: 128 });
    return {
      pushPort: push.port,
      finWait1,
      before,
      establishedPairs,
      stop,
      async refresh() {
        await stuck.close();
        stuck = await createFinWait1(push, finWait1);
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
