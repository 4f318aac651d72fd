/**
 * Whether the Electron binary is installed (`npm run electron:fetch`), read the way
 * node_modules/electron/index.js reads it, without requiring that file: requiring it starts a
 * download when the binary is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronBinaryInstalled(root: string): boolean {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return false;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist');
  return existsSync(join(dist, readFileSync(pathFile, 'utf8')));
}
