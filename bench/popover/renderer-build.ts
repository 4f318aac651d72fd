/**
 * Builds the popover's renderer from src/renderer into the benchmark's scratch folder with vite
 * and the React plugin (what electron-vite's renderer build does), so the benchmark measures the
 * current source without touching the project's out/ folder.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/paths';

export async function buildRenderer(outDir: string): Promise<string> {
  const [{ build }, { default: react }] = await Promise.all([
    import('vite'),
    import('@vitejs/plugin-react'),
  ]);
  await build({
    configFile: false,
    root: join(REPO_ROOT, 'src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
