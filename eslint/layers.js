/**
 * The layer matrix: which folder may import which (VS Code's layer folders,
 * written as one table). eslint/layer-rules.js turns it into
 * `no-restricted-imports` rules; test/unit/layering-lint.test.ts proves each
 * refusal fires.
 *
 * Reading the table:
 * - A layer is a folder (or one file) of the repository. A file belongs to the
 *   most specific layer that holds it: `main/core/calls/call-service.ts` is in
 *   `main/core/calls`, `main/core/clock.ts` in `main/core`.
 * - `mayImport` lists the layers a layer may import besides itself; an entry
 *   ending in `/**` means that layer and every layer nested in it. Every other
 *   layer in the table is refused, type-only imports included (they make
 *   import circles just the same).
 * - `mayImportTypes` lists layers reachable with `import type` only.
 * - `{ package }` rows make an npm package a layer: only the layers that list
 *   it may import it. `packages: false` refuses every package.
 * - Files outside every layer (resources/, package.json, test/, scripts/) are
 *   neither restricted nor protected.
 * - A nested layer must sit directly in its enclosing layer's folder (the
 *   generator refuses the table otherwise), so every relative path is known.
 */

/** What everything on the main side may use of the contract (the renderer's own row says how it may). */
const contract = ['preload/contract/**'];

/** @type {import('./layers.js').Layer[]} (types: layers.d.ts) */
export const layers = [
  // ── main/ ──────────────────────────────────────────────────────────────
  {
    path: 'main',
    about: 'the entry points (launcher.ts) start a host; they never reach into the core or Electron themselves',
    mayImport: ['main/runtime', 'main/web', ...contract],
  },
  {
    path: 'main/core',
    about:
      'the core\'s base (clock, errors, phone, ports, domain-events and the helper folders: pilot, logging, i18n, lines, settings, ...) is what every part of the core builds on, so it imports none of those parts',
    mayImport: [...contract],
  },
  {
    path: 'main/core/call-log',
    about: 'the call log learns of calls from domain events; it never imports the calls or the providers (providers → calls → call-log)',
    mayImport: ['main/core', 'better-sqlite3', ...contract],
  },
  {
    path: 'main/core/contacts',
    about: 'the contacts are a part of their own beside the calls: calls and the call log learn of contact names through a lookup port and domain events, never by importing them',
    mayImport: ['main/core', 'better-sqlite3', ...contract],
  },
  {
    path: 'main/core/calls',
    about: 'the calls write the call log; provider code (the media drivers, the number handlers) plugs in through interfaces the calls define, so calls never import providers (providers → calls → call-log)',
    mayImport: ['main/core', 'main/core/call-log', ...contract],
  },
  {
    path: 'main/core/providers',
    about: 'provider adapters sit on the calls (providers → calls → call-log)',
    mayImport: ['main/core', 'main/core/call-log', 'main/core/calls', ...contract],
  },
  {
    path: 'main/core/availability',
    about:
      "the agent's availability follows the calls through the core's domain events and answers the call service through the ring gate (ports.ts): it imports no part of the core, and only the composition root imports it",
    mayImport: ['main/core', ...contract],
  },
  {
    path: 'main/core/diagnostics',
    about: 'the support bundle reads the call log (the recent calls\' timelines) from above it; no part of the core imports it (the runtime assembles it)',
    mayImport: ['main/core', 'main/core/call-log', ...contract],
  },
  {
    path: 'main/core/demo',
    about: 'demo mode (its handlers) drives lines and calls from above: no part of the core below it imports it',
    mayImport: ['main/core', 'main/core/call-log', 'main/core/calls', 'main/core/providers', ...contract],
  },
  {
    path: 'main/core/accounts',
    about: 'the account handlers (add, edit, remove a line) orchestrate lines, calls, providers and demo mode from above: only the composition root imports them',
    mayImport: ['main/core', 'main/core/call-log', 'main/core/calls', 'main/core/providers', 'main/core/demo', ...contract],
  },
  {
    path: 'main/core/team',
    about:
      'the team line (the app\'s side of the team server) puts team numbers on the line manager and feeds their calls to the call service from above, like the account handlers; the team server imports its protocol; only the composition root imports it otherwise',
    mayImport: ['main/core', 'main/core/call-log', 'main/core/calls', ...contract],
  },
  {
    path: 'main/core/softphone.ts',
    about: 'the composition root wires every part of the core and is imported by none of them',
    mayImport: ['main/core/**', ...contract],
  },
  {
    path: 'main/runtime',
    about: 'the runtime assembles the core for either host (and starts the simulator for demo mode); it knows no host',
    mayImport: ['main/core/**', 'main/simulator', ...contract],
  },
  {
    path: 'main/web',
    about: 'the browser host runs without Electron: it never imports Electron or the Electron host',
    mayImport: ['main/core/**', 'main/runtime', ...contract],
  },
  {
    path: 'main/electron',
    about: 'the Electron host is thin glue over the runtime; it never imports the browser host',
    mayImport: ['main/core/**', 'main/runtime', 'electron', ...contract],
  },
  {
    path: 'main/team-server',
    about: 'the team server is a company-run Node service: it builds on the core and the contract only, never on Electron, a host, the runtime or the renderer',
    mayImport: ['main/core/**', ...contract],
  },
  {
    path: 'main/simulator',
    // Today it imports only the contract (the provider names and their type), nothing of the core. It must stay that way:
    // it stands in for Pilot Status and WhatsApp and follows the API contract on its own, so a shared parser or schema from
    // the core would let a misreading of the contract pass on both sides of every test.
    about: 'the simulator stands in for Pilot Status and WhatsApp: it follows the API contract on its own and imports nothing of the app but the contract',
    mayImport: [...contract],
  },
  // ── preload/ ───────────────────────────────────────────────────────────
  {
    path: 'preload',
    about: 'the preload exposes the contract over IPC; it never imports the main side',
    mayImport: ['electron', ...contract],
  },
  {
    path: 'preload/contract',
    about: 'the contract is shared by both sides and imports neither of them (nor Electron)',
    mayImport: ['preload/contract/constants.ts'],
  },
  {
    path: 'preload/contract/constants.ts',
    about: 'the constants are the one contract file the renderer bundles as code: they import nothing (no zod)',
    mayImport: [],
    packages: false,
  },
  // ── renderer/ ──────────────────────────────────────────────────────────
  {
    path: 'renderer',
    about: 'the renderer reaches the main side only through lib/bridge.ts: it imports types from main/ and preload/, code only from preload/contract/constants',
    mayImport: ['preload/contract/constants.ts'],
    mayImportTypes: ['main/**', 'preload/**'],
  },
  // ── packages ───────────────────────────────────────────────────────────
  { package: 'electron', about: 'Electron exists only in the Electron host and the preload; everything else runs in plain Node or the browser' },
  { package: 'better-sqlite3', about: 'SQLite holds the desk\'s own data (call log, contacts); the team server keeps its history in PostgreSQL' },
];
