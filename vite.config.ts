import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// The renderer is plain static files served by either host (app:// in Electron, loopback HTTP in the browser host).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Assets stay files (no data: URLs), so the CSP needs nothing beyond 'self'.
    assetsInlineLimit: 0,
  },
  server: { fs: { allow: ['..'] } },
});
