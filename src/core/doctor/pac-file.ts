/**
 * A PAC file, fetched and evaluated the way the system would, never grepped: `pac-resolver` runs
 * its FindProxyForURL in QuickJS (WebAssembly) with a memory cap and a deadline. The PAC's own
 * helpers that would reach the network (dnsResolve, isResolvable, myIpAddress) answer from what the
 * check already resolved and from the local interfaces, so a PAC file reaches neither the network
 * nor the file system.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import { createPacResolver } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';
import { errorLine } from '../../shared/error-line';

/** Larger PAC files are refused: real ones are a few kilobytes. */
export const PAC_MAX_BYTES = 1024 * 1024;
/** The PAC's own code may run this long per evaluation. */
const PAC_EVAL_MS = 2000;
/** Memory the PAC's code may allocate. */
const PAC_MEMORY_BYTES = 32 * 1024 * 1024;

export type PacFetch = { ok: true; text: string } | { ok: false; problem: string };

/** Fetches an http(s) PAC URL with a deadline and a size cap; any other scheme is refused. */
export async function fetchPac(url: string, timeoutMs: number): Promise<PacFetch> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: `the PAC address ${short(url)} is not a URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return {
      ok: false,
      problem: `the PAC address uses ${parsed.protocol}, not http or https: not read`,
    };
  try {
    const response = await fetch(parsed, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    if (!response.ok)
      return { ok: false, problem: `the PAC file answered HTTP ${response.status}` };
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > PAC_MAX_BYTES) {
      await response.body?.cancel();
      return { ok: false, problem: tooLarge(declared) };
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > PAC_MAX_BYTES) return { ok: false, problem: tooLarge(null) };
      chunks.push(chunk);
    }
    return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return { ok: false, problem: `the PAC file did not arrive within ${seconds(timeoutMs)}` };
    const cause = (error as { cause?: unknown }).cause;
    return {
      ok: false,
      problem: `the PAC file could not be fetched: ${errorLine(cause ?? error)}`,
    };
  }
}

type PacAnswer = { ok: true; answer: string } | { ok: false; problem: string };

export interface PacEvaluation {
  /** Keyed by URL. */
  answers: Map<string, PacAnswer>;
  /** A refusal of the whole file (does not compile, no FindProxyForURL). */
  problem: string | null;
}

let wasmBytes: Promise<Buffer> | null = null;
/** QuickJS's WebAssembly binary, shipped in the quickjs-wasi package; read once per process. */
function quickJsWasm(): Promise<Buffer> {
  wasmBytes ??= readFile(createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm'));
  return wasmBytes;
}

/**
 * Evaluates FindProxyForURL for each URL. `resolved` answers dnsResolve/isResolvable inside the
 * PAC (names the check looked up); any other name is unresolvable to it.
 */
export async function evaluatePac(
  text: string,
  urls: readonly string[],
  resolved: ReadonlyMap<string, string>,
): Promise<PacEvaluation> {
  const answers = new Map<string, PacAnswer>();
  if (Buffer.byteLength(text) > PAC_MAX_BYTES)
    return { answers, problem: tooLarge(Buffer.byteLength(text)) };
  let deadline = Date.now() + PAC_EVAL_MS;
  let vm: QuickJS;
  try {
    vm = await QuickJS.create({
      wasm: await quickJsWasm(),
      memoryLimit: PAC_MEMORY_BYTES,
      interruptHandler: () => Date.now() > deadline,
    });
  } catch (error) {
    return { answers, problem: `the PAC sandbox could not start: ${errorLine(error)}` };
  }
  try {
    const lookup = (host: unknown) =>
      typeof host === 'string' ? (resolved.get(host.toLowerCase()) ?? null) : null;
    let find: ReturnType<typeof createPacResolver>;
    // The clock starts when the PAC's own code does, not while the sandbox loads.
    deadline = Date.now() + PAC_EVAL_MS;
    try {
      find = createPacResolver(vm, text, {
        sandbox: {
          // Answers from what is known already: the PAC must not reach the network.
          dnsResolve: lookup,
          isResolvable: (host: unknown) => lookup(host) !== null,
          myIpAddress: localAddress,
          alert: () => undefined,
        },
      });
    } catch (error) {
      return { answers, problem: `the PAC file was refused: ${pacError(error)}` };
    }
    for (const url of urls) {
      deadline = Date.now() + PAC_EVAL_MS;
      try {
        const answer: unknown = await find(url);
        answers.set(
          url,
          typeof answer === 'string' && answer.length <= 4096
            ? { ok: true, answer }
            : { ok: false, problem: 'FindProxyForURL did not return a short text' },
        );
      } catch (error) {
        answers.set(url, { ok: false, problem: `FindProxyForURL failed: ${pacError(error)}` });
      }
    }
    return { answers, problem: null };
  } finally {
    vm[Symbol.dispose]();
  }
}

export interface PacDirective {
  kind: 'DIRECT' | 'PROXY' | 'HTTPS' | 'SOCKS';
  /** `host:port`; empty for DIRECT. */
  target: string;
}

/** `PROXY a:3128; SOCKS b:1080; DIRECT` in order; unknown words are skipped and counted. */
export function parsePacAnswer(answer: string): { directives: PacDirective[]; unread: number } {
  const directives: PacDirective[] = [];
  let unread = 0;
  for (const part of answer.split(';')) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const kind = words[0]!.toUpperCase();
    if (kind === 'DIRECT' && words.length === 1) directives.push({ kind, target: '' });
    else if (['PROXY', 'HTTPS', 'SOCKS', 'SOCKS4', 'SOCKS5'].includes(kind) && words.length === 2)
      directives.push({
        kind: kind.startsWith('SOCKS') ? 'SOCKS' : (kind as 'PROXY' | 'HTTPS'),
        target: words[1]!,
      });
    else unread += 1;
  }
  return { directives, unread };
}

function localAddress(): string {
  for (const entries of Object.values(networkInterfaces()))
    for (const entry of entries ?? [])
      if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  return '127.0.0.1';
}

/** QuickJS errors come as objects with a message; "interrupted" means the deadline hit. */
function pacError(error: unknown): string {
  const line = errorLine(error, 160);
  if (/interrupted/i.test(line)) return `it ran past ${seconds(PAC_EVAL_MS)}`;
  if (/out of memory/i.test(line)) return `it used more than ${PAC_MEMORY_BYTES / 1048576} MB`;
  return line;
}

/** Streamed, the size is known only up to the cap. */
function tooLarge(bytes: number | null): string {
  const size = bytes === null ? 'over' : `${Math.ceil(bytes / 1024)} KB, over`;
  return `the PAC file is ${size} the ${PAC_MAX_BYTES / 1024} KB this check reads`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function short(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
