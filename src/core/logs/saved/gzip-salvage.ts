/**
 * When gunzip fails on bad bytes (junk after a member, a corrupt block), Node discards the
 * output of the write that failed, which may hold good lines. This decodes the file again, in
 * ever smaller writes around the break, and hands over everything before the first bad byte.
 */
import { once } from 'node:events';
import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const BIG_PIECE = 1024 * 1024;
/** Write sizes around the break: 512 bytes to find the bad piece, then single bytes. */
const REFINE = [512, 1];

interface Pass {
  /** Output bytes produced past `skip`. */
  produced: number;
  /** Input offset from which the failing write was not decoded. */
  failedAt: number;
  failed: boolean;
}

async function* pieces(file: FileHandle, end: number, fine: number, from: number) {
  for (let at = 0; at < end;) {
    const size = at < from ? Math.min(BIG_PIECE, from - at) : Math.min(fine, end - at);
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await file.read(buffer, 0, size, at);
    if (bytesRead === 0) return;
    yield buffer.subarray(0, bytesRead);
    at += bytesRead;
  }
}

/** Decodes [0, end) with `fine`-byte writes from `from` on, passing output after `skip` bytes. */
async function decodePass(
  file: FileHandle,
  range: { from: number; end: number; fine: number; skip: number },
  onChunk: (chunk: Buffer) => void,
): Promise<Pass> {
  const gunzip = createGunzip();
  const input = Readable.from(pieces(file, range.end, range.fine, range.from));
  input.on('error', () => {}); // a read error ends the pass like a decoding error
  input.pipe(gunzip);
  let seen = 0;
  let produced = 0;
  const pass = await new Promise<Pass>((resolve) => {
    gunzip.on('data', (chunk: Buffer) => {
      const start = Math.max(0, range.skip - seen);
      seen += chunk.length;
      if (start >= chunk.length) return;
      produced += chunk.length - start;
      onChunk(start ? chunk.subarray(start) : chunk);
    });
    gunzip.once('error', () => resolve({ produced, failedAt: gunzip.bytesWritten, failed: true }));
    gunzip.once('end', () => resolve({ produced, failedAt: range.end, failed: false }));
  });
  // No read may still be in flight once the caller closes the file.
  if (!input.closed) {
    const closed = once(input, 'close');
    input.destroy();
    await closed;
  }
  return pass;
}

/**
 * Recovers the output lost when a gunzip stream failed after `delivered` output bytes, having
 * decoded its input up to `failedAt`; `failedBefore` bounds the failing write's input.
 */
export async function salvageGzip(
  file: FileHandle,
  delivered: number,
  failedAt: number,
  failedBefore: number,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  let skip = delivered;
  let from = failedAt;
  let end = failedBefore;
  for (const fine of REFINE) {
    const pass = await decodePass(file, { from, end, fine, skip }, onChunk);
    skip += pass.produced;
    if (!pass.failed) return;
    from = pass.failedAt;
    end = Math.min(end, from + fine);
  }
}
