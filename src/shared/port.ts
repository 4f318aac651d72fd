/** The one owner of what a TCP port number is, for the settings, the CLI, requests and the parsers. */
export const MAX_PORT = 65_535;

/** A port written in decimal (1-5 digits) from `min` to MAX_PORT, or null. */
export function parsePortText(text: string, min = 1): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= min && port <= MAX_PORT ? port : null;
}
