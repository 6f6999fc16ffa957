// Builds everything `npm start`, the tests and packaging use:
//   dist/main/{launcher,web,electron}.js  Node/Electron main side (ESM, dependencies external)
//   dist/team-server/main.js               the company-run team server (never packaged with the desktop app)
//   dist/preload/index.cjs                 sandboxed preload (CommonJS, self-contained)
//   dist/renderer/                         the Svelte renderer (Vite)
//   dist/self-test/audio-probe.js          what --self-test injects into the app window
import { build } from 'esbuild';
import { cp, rm } from 'node:fs/promises';
import { build as viteBuild } from 'vite';

const quiet = process.argv.includes('--quiet');
/** Node-side bundles: ESM for Node 20, npm packages left to node_modules. */
const nodeBundle = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };
/**
 * What the app's bundles load from node_modules at run time rather than carry: native modules, Electron's own, the
 * simulator's, and zod (bundled, it held 12 MiB more in an idle app for 70 ms less at start).
 */
const appExternals = ['electron', 'electron-updater', 'better-sqlite3', '@napi-rs/keyring', 'werift', 'opusscript', 'zod'];
const started = Date.now();
await rm('dist', { recursive: true, force: true });
await Promise.all([
  build({
    entryPoints: { launcher: 'main/launcher.ts', web: 'main/web/main.ts', electron: 'main/electron/main.ts' },
    outdir: 'dist/main',
    ...nodeBundle,
    // Plain-JavaScript packages are bundled in: resolving and compiling a few hundred files from node_modules was
    // most of the time from start to the window.
    packages: undefined,
    external: appExternals,
    // Bundled CommonJS packages `require` Node's builtins.
    banner: { js: "import { createRequire as __appRequire } from 'node:module'; const require = __appRequire(import.meta.url);" },
    // Code the app loads only when needed (the demo simulator, policy checking, diagnostics) goes in its own chunks.
    splitting: true,
    // Chunks sit beside the entries, so paths relative to import.meta.url (renderer, icons, probe) stay right.
    chunkNames: '[name]-[hash]',
  }),
  // Built apart from the app (no shared chunks), so the desktop package can leave it out whole.
  build({
    entryPoints: { main: 'main/team-server/main.ts' },
    outdir: 'dist/team-server',
    ...nodeBundle,
  }),
  build({
    entryPoints: ['preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    sourcemap: true,
    logLevel: 'warning',
  }),
  viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info' }),
  // The self-test's instrument, injected into the app window only by --self-test.
  build({
    entryPoints: ['renderer/src/self-test/audio-probe.ts'],
    outfile: 'dist/self-test/audio-probe.js',
    bundle: true,
    format: 'iife',
    target: 'chrome130',
    logLevel: 'warning',
  }),
]);
// The tray and window icon travel with the build (packaging ships dist/ only).
await cp('resources/icons', 'dist/icons', { recursive: true });
if (!quiet) console.error(`built dist/ in ${Date.now() - started} ms`);
