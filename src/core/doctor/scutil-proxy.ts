/**
 * Reads `scutil --proxy` (no admin rights needed): a `<dictionary> { Key : value ... }` print-out
 * with nested `<array> {` and `<dictionary> {` blocks, one entry a line (scutil(8); a real capture
 * is in test/fixtures/real/scutil). Values are text; `<NULL>` means unset.
 */

type ScutilValue = string | ScutilValue[] | { [key: string]: ScutilValue };
export type ScutilDictionary = { [key: string]: ScutilValue };

export type ScutilParse =
  { ok: true; dictionary: ScutilDictionary; unread: number } | { ok: false; problem: string };

const OPEN = /^(?:(\S.*?) : )?<(dictionary|array)> \{$/;
const ENTRY = /^(\S.*?) :(?: (.*))?$/;

/** Parses the whole print-out; lines that fit no form are counted in `unread`, never dropped silently. */
export function parseScutilProxy(text: string): ScutilParse {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const stack: { container: ScutilDictionary | ScutilValue[] }[] = [];
  let root: ScutilDictionary | null = null;
  let unread = 0;
  for (const line of lines) {
    if (line === '') continue;
    const open = OPEN.exec(line);
    if (open) {
      const child: ScutilDictionary | ScutilValue[] = open[2] === 'array' ? [] : {};
      if (stack.length === 0) {
        if (root !== null || open[2] !== 'dictionary' || open[1] !== undefined) {
          unread += 1;
          continue;
        }
        root = child as ScutilDictionary;
      } else {
        const top = stack.at(-1)!.container;
        if (open[1] === undefined) {
          unread += 1;
          continue;
        }
        put(top, open[1], child);
      }
      stack.push({ container: child });
      continue;
    }
    if (line === '}') {
      if (stack.length === 0) unread += 1;
      else stack.pop();
      continue;
    }
    const entry = ENTRY.exec(line);
    if (entry && stack.length > 0) {
      put(stack.at(-1)!.container, entry[1]!, entry[2] ?? '');
      continue;
    }
    unread += 1;
  }
  if (root === null) return { ok: false, problem: 'no <dictionary> in the scutil --proxy output' };
  if (stack.length > 0)
    return { ok: false, problem: 'the scutil --proxy output ends inside a block' };
  return { ok: true, dictionary: root, unread };
}

function put(container: ScutilDictionary | ScutilValue[], key: string, value: ScutilValue) {
  if (Array.isArray(container)) container.push(value);
  else container[key] = value;
}

/** The settings the push check uses, read from the dictionary. */
export interface SystemProxySettings {
  http: { host: string; port: number } | null;
  https: { host: string; port: number } | null;
  socks: { host: string; port: number } | null;
  exceptions: string[];
  pacUrl: string | null;
  autoDiscovery: boolean;
}

export function systemProxySettings(dictionary: ScutilDictionary): SystemProxySettings {
  const text = (key: string): string | null => {
    const value = dictionary[key];
    return typeof value === 'string' && value !== '' && value !== '<NULL>' ? value : null;
  };
  const proxy = (prefix: string) => {
    if (text(`${prefix}Enable`) !== '1') return null;
    const host = text(`${prefix}Proxy`);
    const port = Number(text(`${prefix}Port`));
    return host && Number.isInteger(port) && port > 0 && port < 65536 ? { host, port } : null;
  };
  const exceptions = dictionary.ExceptionsList;
  return {
    http: proxy('HTTP'),
    https: proxy('HTTPS'),
    socks: proxy('SOCKS'),
    exceptions: Array.isArray(exceptions)
      ? exceptions.filter((item): item is string => typeof item === 'string')
      : [],
    pacUrl: text('ProxyAutoConfigEnable') === '1' ? text('ProxyAutoConfigURLString') : null,
    autoDiscovery: text('ProxyAutoDiscoveryEnable') === '1',
  };
}
