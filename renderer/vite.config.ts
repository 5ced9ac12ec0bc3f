// The renderer's build, shared by electron-vite (desktop) and the web mode's plain `vite build`,
// so both serve the same bundle from out/renderer.
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(here, '..', 'out', 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { input: resolve(here, 'index.html') },
  },
};

export default defineConfig(rendererConfig);
