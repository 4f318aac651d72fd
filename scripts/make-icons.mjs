// Rasterises the SVG sources in assets/ (npm run icons): the three menu-bar template images at
// 16 px and 32 px (@2x), and the 1024 px app icon electron-builder turns into the .icns. The PNGs
// are generated output (gitignored), so the build runs this first. A template image must be black
// with alpha only (macOS tints it for light and dark menu bars); the script checks that and fails.
import { Resvg } from '@resvg/resvg-js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');
const TRAY_STATES = ['ok', 'watch', 'alert'];

/** Renders an SVG to the given width; no system fonts are needed (the glyphs are paths). */
function render(svgPath, width) {
  const svg = readFileSync(svgPath);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false },
  });
  return resvg.render();
}

/** Fails when any pixel has colour: macOS would show it untinted and wrong in dark mode. */
function assertTemplate(image, name) {
  const { pixels } = image;
  let opaque = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i] !== 0 || pixels[i + 1] !== 0 || pixels[i + 2] !== 0) {
      throw new Error(
        `${name}: pixel ${i / 4} is not black; a template image must be black with alpha`,
      );
    }
    if (pixels[i + 3] > 0) opaque += 1;
  }
  if (opaque === 0) throw new Error(`${name}: the image is empty`);
}

function write(path, image, expectedWidth) {
  if (image.width !== expectedWidth || image.height !== expectedWidth) {
    throw new Error(
      `${relative(root, path)}: rendered ${image.width}x${image.height}, expected ${expectedWidth}`,
    );
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, image.asPng());
  console.log(`wrote ${relative(root, path)} (${image.width}x${image.height})`);
}

try {
  for (const state of TRAY_STATES) {
    const source = join(assets, `tray-${state}.svg`);
    for (const [scale, suffix] of [
      [1, ''],
      [2, '@2x'],
    ]) {
      const name = `${state}Template${suffix}.png`;
      const image = render(source, 16 * scale);
      assertTemplate(image, name);
      write(join(assets, 'tray', name), image, 16 * scale);
    }
  }
  write(join(assets, 'icon.png'), render(join(assets, 'icon.svg'), 1024), 1024);
} catch (error) {
  console.error(`make-icons: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  process.exit(1);
}
