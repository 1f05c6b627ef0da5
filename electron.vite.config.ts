import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

// main and preload run in Node/Electron; the renderer is a plain web app so that `toonmo serve`
// can hand the very same build to a browser. `base: './'` lets it load from file:// and http.
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads cannot be ES modules.
      rollupOptions: {
        input: {
          index: resolve('src/preload/index.ts'),
          detector: resolve('src/preload/detector.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [svelte()],
    worker: { format: 'es' },
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: {
        input: {
          index: resolve('src/renderer/index.html'),
          detector: resolve('src/renderer/detector.html'),
          exporter: resolve('src/renderer/exporter.html'),
        },
      },
    },
  },
})
