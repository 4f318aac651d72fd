/**
 * A macOS 26 `netstat -anv` capture written by the benchmark: apsd's rows to Apple on 5223, a
 * third of them FIN_WAIT_1 with bytes queued. `shift` moves which rows are stuck and how much
 * they hold, so successive captures differ as successive samples of a pile-up do.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const HEADER =
  'Active Internet connections (including servers)\n' +
  'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)          rxbytes      txbytes  rhiwat  shiwat          process:pid    state  options           gencnt    flags   flags1 usecnt rtncnt fltrs\n';

function row(index: number, shift: number): string {
  const stuck = (index + shift) % 3 === 0;
  const sendQ = String(stuck ? 31 + ((index * 37 + shift * 11) % 4096) : 0).padStart(5);
  return `tcp4       0 ${sendQ}  192.168.1.44.${10000 + (index % 50000)}     17.57.${index % 250}.${index % 200}.5223      ${stuck ? 'FIN_WAIT_1 ' : 'ESTABLISHED'}        15220         9934  131072  131768             apsd:412    00102 00000000 000000000025c5ff 00000081 04000800      3      0 000000\n`;
}

/** Writes rows until `bytes` or `rows` is reached; returns the rows written. */
export async function writeCapture(
  path: string,
  until: { bytes?: number; rows?: number },
  shift = 0,
): Promise<number> {
  const out = createWriteStream(path);
  let size = HEADER.length;
  let rows = 0;
  const more = () => size < (until.bytes ?? Infinity) && rows < (until.rows ?? Infinity);
  out.write(HEADER);
  while (more()) {
    const lines: string[] = [];
    for (let i = 0; i < 5000 && more(); i++, rows++) {
      lines.push(row(rows, shift));
      size += lines.at(-1)!.length;
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return rows;
}
