// electron-vite builds from the design card's folders (its defaults expect src/).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      // The return reader's worker thread is its own entry, written beside index.js, where
      // electron/services/returns/workbookWorker.ts looks for it.
      rolldownOptions: {
        input: { index: resolve('electron/main/index.ts'), returnWorker: resolve('electron/services/returns/returnWorker.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require anything but 'electron': bundle it whole, as CommonJS.
      isolatedEntries: true,
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
