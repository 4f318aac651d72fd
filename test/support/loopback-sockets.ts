/**
 * Real kernel TCP sockets on 127.0.0.1 for tests, end-to-end runs and benchmarks: the same
 * FIN_WAIT_1 pile-up apsd shows on a Mac (docs/sources.md#fin_wait_1), made on purpose.
 *
 * How the FIN_WAIT_1 sockets come about: the server accepts and never reads, so its receive
 * buffer fills and it advertises a zero window; each client writes more than that buffer holds
 * and then closes. The kernel keeps the orphaned client socket in FIN_WAIT_1, with the unsent
 * bytes in Send-Q and the FIN queued behind them, probing the closed window. Linux gives such an
 * orphan about 5.5 minutes here (zero-window probes, tcp_orphan_retries); resetting the server
 * side removes it at once. On macOS the same orphan is expected in FIN_WAIT_1 (the state of the
 * reported apsd pile-ups); its buffers autotune differently, so there a client writes more
 * (bytesPerSocket), and the result is checked with netstat instead of /proc.
 * Not yet seen on a Mac by this project: test/macos/live-sockets.test.ts checks it there.
 *
 *   const server = await openLoopbackServer();
 *   const stuck = await createFinWait1(server, 30);   // client side: 127.0.0.1:<eph> -> server
 *   const live = await createEstablished(server, 5);
 *   // ... watch rules { processes: [], peerPorts: [server.port], peerCidrs: ['127.0.0.0/8'] }
 *   //     attribute exactly those 35 client-side sockets (the server side's peer port differs)
 *   await stuck.close();                              // or closeAll() in afterAll/afterEach
 *   await closeAll();
 *
 * Each FIN_WAIT_1 socket keeps one descriptor open (its accepted server side) and about 0.2 MB
 * of kernel memory; an ESTABLISHED pair keeps two descriptors. Creation runs in parallel batches
 * and checks the descriptor budget (ulimit -n) first, so thousands are fine.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { parseNetstat } from '../../src/core/sockets/netstat-parse';
import { parseProcNetTcp } from '../../src/core/sockets/proc-net-tcp-parse';
import type { SocketRow } from '../../src/shared/snapshot';

const LOOPBACK_HOST = '127.0.0.1';

export interface LoopbackServer {
  readonly host: typeof LOOPBACK_HOST;
  readonly port: number;
  /** Resets every accepted socket (their FIN_WAIT_1 peers vanish) and stops listening. */
  close(): Promise<void>;
}

export interface SocketGroup {
  readonly count: number;
  /** The client sockets' local ports: each 4-tuple is 127.0.0.1:<port> -> 127.0.0.1:<server>. */
  readonly localPorts: readonly number[];
  /** Resets both ends, so nothing lingers in FIN_WAIT_1 or TIME_WAIT afterwards. */
  close(): Promise<void>;
}

export interface CreateOptions {
  /** Connections opened at once (default 64). */
  concurrency?: number;
}

export interface FinWait1Options extends CreateOptions {
  /**
   * Bytes each client writes before closing (default 192 KiB): more than a never-reading peer's
   * receive buffer takes (~128 KiB with Linux's default tcp_rmem), so bytes stay unsent. Linux
   * autotunes the send buffer to ~4 MB on loopback, so "write until it is full" would pin that
   * much per socket; a client still stops early if its send buffer fills (writableLength > 0).
   * macOS default: 1 MiB, an unmeasured guess at more than its loopback receive buffer grows to
   * for a reader that never reads (kept small: farms of hundreds would pin GBs if it were not);
   * the check below says plainly if the sockets did not stay in FIN_WAIT_1.
   */
  bytesPerSocket?: number;
  /**
   * Read the socket table afterwards (/proc/net/tcp on Linux, `netstat -anv -p tcp` on macOS) and
   * throw unless every socket is in FIN_WAIT_1 with Send-Q > 0 (default true on both), so a test
   * can count on the exact number.
   */
  verify?: boolean;
}

interface ServerState {
  server: net.Server;
  port: number;
  /** Accepted (server-side) sockets by the client's port. */
  accepted: Map<number, net.Socket>;
  /** Waiters for a client port the server has not accepted yet. */
  waiting: Map<number, (socket: net.Socket) => void>;
  clients: Set<net.Socket>;
}

const states = new Map<LoopbackServer, ServerState>();
const CHUNK = 64 * 1024;
const filler = Buffer.alloc(CHUNK, 0x61);

/** A server on 127.0.0.1 (ephemeral port) that accepts connections and never reads from them. */
export async function openLoopbackServer(): Promise<LoopbackServer> {
  const accepted = new Map<number, net.Socket>();
  const waiting = new Map<number, (socket: net.Socket) => void>();
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    socket.on('error', () => {}); // resets are the point of this module
    const clientPort = socket.remotePort;
    if (clientPort === undefined) return socket.destroy();
    accepted.set(clientPort, socket);
    socket.once('close', () => accepted.delete(clientPort));
    waiting.get(clientPort)?.(socket);
    waiting.delete(clientPort);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK_HOST, port: 0, backlog: 4096 }, resolve);
  });
  const port = (server.address() as net.AddressInfo).port;
  const handle: LoopbackServer = {
    host: LOOPBACK_HOST,
    port,
    close: async () => {
      const state = states.get(handle);
      if (!state) return;
      states.delete(handle);
      for (const client of state.clients) client.resetAndDestroy();
      for (const socket of state.accepted.values()) socket.resetAndDestroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  states.set(handle, { server, port, accepted, waiting, clients: new Set() });
  return handle;
}

function stateOf(server: LoopbackServer): ServerState {
  const state = states.get(server);
  if (!state) throw new Error(`loopback server on port ${server.port} is closed`);
  return state;
}

/** Resolves with the server side of the connection from `clientPort`, once it is accepted. */
function acceptedSide(state: ServerState, clientPort: number): Promise<net.Socket> {
  const socket = state.accepted.get(clientPort);
  if (socket) return Promise.resolve(socket);
  return new Promise((resolve) => state.waiting.set(clientPort, resolve));
}

/** Throws before opening sockets that would exceed the open-file limit (Linux only). */
function assertDescriptorBudget(needed: number): void {
  if (process.platform !== 'linux') return;
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  if (!soft || soft === 'unlimited') return;
  const open = readdirSync('/proc/self/fd').length;
  const spare = Number(soft) - open - 64;
  if (needed > spare)
    throw new Error(
      `loopback sockets: ${needed} more descriptors needed, only ${spare} left under ulimit -n ${soft}`,
    );
}

async function connect(state: ServerState): Promise<{ client: net.Socket; localPort: number }> {
  const client = net.connect({ host: LOOPBACK_HOST, port: state.port });
  client.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
  });
  const localPort = client.localPort;
  if (localPort === undefined) throw new Error('loopback client has no local port');
  state.clients.add(client);
  client.once('close', () => state.clients.delete(client));
  return { client, localPort };
}

/** Runs `make` `count` times with at most `concurrency` in flight; results in order. */
async function inBatches<T>(count: number, concurrency: number, make: () => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await make();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return results;
}

function groupOf(state: ServerState, localPorts: number[], clients: net.Socket[]): SocketGroup {
  return {
    count: localPorts.length,
    localPorts,
    close: async () => {
      for (const client of clients) if (!client.destroyed) client.resetAndDestroy();
      const serverSides = await Promise.all(localPorts.map((port) => acceptedSide(state, port)));
      for (const socket of serverSides) socket.resetAndDestroy();
    },
  };
}

/** The kernel's IPv4 TCP table: /proc on Linux, netstat on macOS (parsed by the engine's parsers). */
function tcpTable(): SocketRow[] {
  if (process.platform === 'darwin')
    return parseNetstat(
      execFileSync('/usr/sbin/netstat', ['-anv', '-p', 'tcp'], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }),
    ).rows;
  return parseProcNetTcp(readFileSync('/proc/net/tcp', 'utf8'), 'tcp4').rows;
}

/** Confirms every client port is in FIN_WAIT_1 with bytes in Send-Q. */
function verifyFinWait1(state: ServerState, localPorts: number[]): void {
  const wanted = new Set(localPorts);
  const found = new Map<string, number>();
  let good = 0;
  for (const row of tcpTable()) {
    if (row.peerPort !== state.port || !wanted.has(row.localPort)) continue;
    const label =
      row.state === 'FIN_WAIT_1' && row.sendQueue === 0 ? 'FIN_WAIT_1 (empty Send-Q)' : row.state;
    found.set(label, (found.get(label) ?? 0) + 1);
    if (row.state === 'FIN_WAIT_1' && row.sendQueue > 0) good++;
  }
  if (good !== localPorts.length)
    throw new Error(
      `createFinWait1: ${good} of ${localPorts.length} sockets are in FIN_WAIT_1 with Send-Q > 0 (${[...found].map(([s, n]) => `${s} ${n}`).join(', ') || 'none found'})`,
    );
}

/**
 * Creates `count` real FIN_WAIT_1 sockets with Send-Q > 0: client side 127.0.0.1:<ephemeral>,
 * peer 127.0.0.1:<server.port>. Their accepted server sides stay ESTABLISHED with a full receive
 * queue until the group or the server is closed.
 */
export async function createFinWait1(
  server: LoopbackServer,
  count: number,
  options: FinWait1Options = {},
): Promise<SocketGroup> {
  const state = stateOf(server);
  assertDescriptorBudget(count + Math.min(count, options.concurrency ?? 64));
  const bytes =
    options.bytesPerSocket ?? (process.platform === 'darwin' ? 1024 * 1024 : 192 * 1024);
  const localPorts = await inBatches(count, options.concurrency ?? 64, async () => {
    const { client, localPort } = await connect(state);
    await acceptedSide(state, localPort);
    for (let written = 0; written < bytes && client.writableLength === 0; written += CHUNK)
      client.write(written + CHUNK <= bytes ? filler : filler.subarray(0, bytes - written));
    client.destroy(); // close(): the kernel queues FIN behind the unsent bytes
    return localPort;
  });
  const checkable = process.platform === 'linux' || process.platform === 'darwin';
  if (options.verify ?? checkable) verifyFinWait1(state, localPorts);
  return groupOf(state, localPorts, []);
}

/** Creates `count` idle ESTABLISHED connections to the server (both sides stay open). */
export async function createEstablished(
  server: LoopbackServer,
  count: number,
  options: CreateOptions = {},
): Promise<SocketGroup> {
  const state = stateOf(server);
  assertDescriptorBudget(2 * count);
  const made = await inBatches(count, options.concurrency ?? 64, async () => {
    const connection = await connect(state);
    await acceptedSide(state, connection.localPort);
    return connection;
  });
  return groupOf(
    state,
    made.map((m) => m.localPort),
    made.map((m) => m.client),
  );
}

/** Tears down every server and socket this module made (for afterAll/afterEach). */
export async function closeAll(): Promise<void> {
  await Promise.all([...states.keys()].map((server) => server.close()));
}
