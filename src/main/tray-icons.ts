/**
 * The three menu-bar images. electron-vite copies the PNGs into out/main (hashed names), so the
 * @2x file is attached by hand rather than found by name, and the template flag is set
 * explicitly: macOS then tints the black-and-alpha glyph for light and dark menu bars. Files are
 * read with Node's fs, which reads inside app.asar.
 */
import { nativeImage, type NativeImage } from 'electron';
import { readFileSync } from 'node:fs';
import alert1x from '../../assets/tray/alertTemplate.png?asset';
import alert2x from '../../assets/tray/alertTemplate@2x.png?asset';
import ok1x from '../../assets/tray/okTemplate.png?asset';
import ok2x from '../../assets/tray/okTemplate@2x.png?asset';
import watch1x from '../../assets/tray/watchTemplate.png?asset';
import watch2x from '../../assets/tray/watchTemplate@2x.png?asset';
import type { TrayIconState } from './tray-state';

function templateImage(path1x: string, path2x: string): NativeImage {
  const image = nativeImage.createFromBuffer(readFileSync(path1x), { scaleFactor: 1 });
  if (image.isEmpty()) throw new Error(`tray icon ${path1x} is not a readable PNG`);
  image.addRepresentation({ scaleFactor: 2, buffer: readFileSync(path2x) });
  image.setTemplateImage(true);
  return image;
}

export function loadTrayIcons(): Record<TrayIconState, NativeImage> {
  return {
    ok: templateImage(ok1x, ok2x),
    watch: templateImage(watch1x, watch2x),
    alert: templateImage(alert1x, alert2x),
  };
}
