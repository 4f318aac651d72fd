/**
 * A minimal DER reader: just enough to walk X.509 extensions, because node:crypto's
 * X509Certificate does not expose arbitrary extensions such as Apple's push marker OIDs.
 */

/** Malformed or unsupported DER; `message` is one line. */
export class DerError extends Error {
  override name = 'DerError';
}

export const DER_TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  /** `[3] EXPLICIT`, the wrapper around a certificate's extensions. */
  CONTEXT_3: 0xa3,
} as const;

export interface DerElement {
  /** The identifier octet: class, constructed bit and tag number (low-tag form only). */
  tag: number;
  /** The contents, without the identifier and length octets. */
  value: Buffer;
  /** Offset just past this element in the buffer it was read from. */
  end: number;
}

/** Reads one element at `offset`; refuses indefinite lengths and elements that run past the end. */
export function readElement(buffer: Buffer, offset = 0): DerElement {
  if (offset >= buffer.length) throw new DerError(`DER: no element at offset ${offset}`);
  const tag = buffer[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`DER: multi-byte tag at offset ${offset}`);
  let position = offset + 1;
  if (position >= buffer.length) throw new DerError(`DER: truncated length at offset ${offset}`);
  const first = buffer[position++]!;
  let length = first;
  if (first === 0x80) throw new DerError(`DER: indefinite length at offset ${offset}`);
  if (first > 0x80) {
    const octets = first & 0x7f;
    if (octets > 4) throw new DerError(`DER: length of ${octets} octets at offset ${offset}`);
    if (position + octets > buffer.length)
      throw new DerError(`DER: truncated length at offset ${offset}`);
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buffer[position++]!;
  }
  const end = position + length;
  if (end > buffer.length)
    throw new DerError(`DER: element at offset ${offset} runs past the end (${length} bytes)`);
  return { tag, value: buffer.subarray(position, end), end };
}

/** Reads an element and checks its tag, naming what was expected in the error. */
export function expectElement(
  buffer: Buffer,
  offset: number,
  tag: number,
  what: string,
): DerElement {
  const element = readElement(buffer, offset);
  if (element.tag !== tag)
    throw new DerError(
      `DER: expected ${what} (tag 0x${hex(tag)}), found tag 0x${hex(element.tag)} at offset ${offset}`,
    );
  return element;
}

/** The elements inside a constructed element's contents, in order. */
export function readChildren(parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < parent.value.length) {
    const child = readElement(parent.value, offset);
    children.push(child);
    offset = child.end;
  }
  return children;
}

/** Dotted form of an OBJECT IDENTIFIER's contents, e.g. `1.2.840.113635.100.6.2.12`. */
export function decodeOid(value: Buffer): string {
  if (value.length === 0) throw new DerError('DER: empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let arc = 0;
  let pending = false;
  for (const byte of value) {
    if (arc > Number.MAX_SAFE_INTEGER / 128) throw new DerError('DER: OID arc too large');
    arc = arc * 128 + (byte & 0x7f);
    pending = (byte & 0x80) !== 0;
    if (pending) continue;
    if (arcs.length === 0) {
      // The first subidentifier packs two arcs: 40 * X + Y, with X at most 2.
      const top = arc < 80 ? Math.floor(arc / 40) : 2;
      arcs.push(top, arc - 40 * top);
    } else {
      arcs.push(arc);
    }
    arc = 0;
  }
  if (pending) throw new DerError('DER: OBJECT IDENTIFIER ends mid-arc');
  return arcs.join('.');
}

function hex(value: number): string {
  return value.toString(16).padStart(2, '0');
}
