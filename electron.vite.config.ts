/**
 * Builds the three entry points apart (main, preload, renderer), each sharing only shared/ (the typed
 * API and the calculation core). `npm run web` uses the renderer build alone.
 */
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const alias = {
  '@shared': resolve(__dirname, 'shared'),
  '@seeds': resolve(__dirname, 'seeds'),
};

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // the 重新测算 worker thread is its own entry: out/main/recalcWorker.js beside index.js
      lib: { entry: { index: resolve(__dirname, 'electron/main/index.ts'), recalcWorker: resolve(__dirname, 'electron/services/packs/recalcWorker.ts') } },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts') },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    resolve: { alias },
    plugins: [vue()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // county.html: the county pages, served by `npm run county` (county/server/app.ts)
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html'), county: resolve(__dirname, 'renderer/county.html') } },
      // the office PCs run this offline; keep the bundle split so the first screen loads fast
      chunkSizeWarningLimit: 1200,
    },
  },
});
