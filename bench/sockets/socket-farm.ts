/**
 * Child process that holds the benchmark's sockets, so the measuring processes stay clean: a "push"
 * server with N real FIN_WAIT_1 orphans (Send-Q > 0) plus one live link, and an "other" server
 * with idle ESTABLISHED pairs up to the wanted total. Speaks JSON lines: it prints `ready` with the
 * ports, re-creates the FIN_WAIT_1 set on `refresh` (Linux drops zero-window orphans after a
 * while), and tears everything down when stdin closes or on SIGTERM/SIGINT.
 */
import { createInterface } from 'node:readline';
import {
  closeAll,
  createEstablished,
  createFinWait1,
  openLoopbackServer,
  type SocketGroup,
} from '../../test/support/loopback-sockets';

export interface FarmReady {
  type: 'ready';
  pushPort: number;
  otherPort: number;
  finWait1: number;
  establishedPairs: number;
  /** Sockets on the machine made by the farm: both ends of each pair, FIN_WAIT_1 orphans and their accepted ends. */
  sockets: number;
}

export interface FarmRefreshed {
  type: 'refreshed';
  finWait1: number;
}

export interface FarmFailed {
  type: 'error';
  message: string;
}

export type FarmMessage = FarmReady | FarmRefreshed | FarmFailed;

function send(message: FarmMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 10_000);
  const finWait1 = Number(process.argv[3] ?? 400);
  // Each FIN_WAIT_1 orphan leaves its accepted server end ESTABLISHED: 2 sockets each.
  const establishedPairs = Math.max(0, Math.floor((total - 2 * finWait1 - 2) / 2));
  const push = await openLoopbackServer();
  const other = await openLoopbackServer();
  let stuck: SocketGroup = await createFinWait1(push, finWait1);
  await createEstablished(push, 1); // the live push link
  await createEstablished(other, establishedPairs, { concurrency: 128 });
  send({
    type: 'ready',
    pushPort: push.port,
    otherPort: other.port,
    finWait1,
    establishedPairs,
    sockets: 2 * finWait1 + 2 + 2 * establishedPairs,
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await closeAll();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdin.on('end', () => void stop());
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() !== 'refresh') continue;
    try {
      await stuck.close();
      stuck = await createFinWait1(push, finWait1);
      send({ type: 'refreshed', finWait1 });
    } catch (error) {
      send({ type: 'error', message: String((error as Error).message).split('\n')[0]! });
    }
  }
  await stop();
}

main().catch(async (error: unknown) => {
  send({ type: 'error', message: String((error as Error)?.message ?? error).split('\n')[0]! });
  await closeAll().catch(() => {});
  process.exit(1);
});
