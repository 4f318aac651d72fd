/// <reference types="electron-vite/node" />
// electron-vite's `?asset` imports: the tray PNGs are copied into out/main and imported as paths.
