import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layering rules: the core stays runnable in plain Node; the renderer reaches the main side only through the bridge. */
export const coreLayering = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'main/core must not import Electron: put that code in main/electron behind a port.' }],
      patterns: [
        {
          regex: '(^|/)(electron|web)(/|$)',
          message: 'main/core must not import a host (main/electron, main/web): hosts depend on the core, never the reverse.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'RTCPeerConnection', 'AudioContext'].map((name) => ({
      name,
      message: 'main/core runs in plain Node: no DOM.',
    })),
  ],
};

/** The team server runs on a company's server: it may use the core, never a host, the app's startup, the renderer, the simulator or SQLite. */
export const teamServerLayering = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'electron', message: 'main/team-server is a plain Node service: no Electron.' },
        { name: 'better-sqlite3', message: 'The team history lives in PostgreSQL; the local call log (SQLite) stays in the app.' },
      ],
      patterns: [
        {
          regex: '(^|/)(electron|web|runtime|renderer|simulator)(/|$)',
          message: 'main/team-server imports main/core (and preload/ contract types) only: never a host, the app runtime, the renderer or the simulator.',
        },
        { regex: 'call-log/(database|open-call-log|salvage)$', message: 'SQLite code stays in the app; the team server has its own PostgreSQL history.' },
      ],
    },
  ],
};

export const rendererLayering = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          regex: '(^|/)(main|preload)(/|$)',
          allowTypeImports: true,
          message: 'The renderer may import only types from main/ and preload/; runtime access goes through lib/bridge.ts.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  { files: ['renderer/**'], languageOptions: { globals: globals.browser }, rules: rendererLayering },
  { files: ['main/**', 'preload/**', 'scripts/**', 'test/**', '*.config.*'], languageOptions: { globals: globals.node } },
  { files: ['main/core/**'], rules: coreLayering },
  { files: ['main/team-server/**'], rules: teamServerLayering },
  // Playwright fixtures declare "no dependencies" with an empty destructuring pattern.
  { files: ['test/e2e/**', 'test/electron/**'], rules: { 'no-empty-pattern': 'off' } },
);
