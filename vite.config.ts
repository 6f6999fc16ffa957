import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is plain static files served by either host (app:// in Electron, loopback HTTP in the browser host).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte({ configFile: fileURLToPath(new URL('./svelte.config.js', import.meta.url)) })],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Assets stay files (no data: URLs), so the CSP needs nothing beyond 'self'.
    assetsInlineLimit: 0,
    // Loaded from the local disk or loopback, never over a network: one bundle of ~600 kB is fine.
    chunkSizeWarningLimit: 1024,
  },
  server: { fs: { allow: ['..'] } },
});
