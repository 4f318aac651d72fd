/** Mac-only tests: they run where macOS is, and elsewhere say in one printed line why they did not. */
export const ON_MAC = process.platform === 'darwin';

/** True on macOS; elsewhere prints `skipped: <what> needs macOS` and returns false. */
export function onMacOnly(what: string): boolean {
  if (!ON_MAC) console.info(`skipped: ${what} needs macOS (this is ${process.platform})`);
  return ON_MAC;
}
