import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerRules } from './eslint/layer-rules.js';
import { layers } from './eslint/layers.js';

/** The core (and the team server built on it) runs in plain Node: no DOM. */
export const noDomGlobals = {
  'no-restricted-globals': [
    'error',
    ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'RTCPeerConnection', 'AudioContext'].map((name) => ({
      name,
      message: 'main/core runs in plain Node: no DOM.',
    })),
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
  { files: ['renderer/**'], languageOptions: { globals: globals.browser } },
  { files: ['main/**', 'preload/**', 'scripts/**', 'test/**', 'eslint/**', '*.config.*'], languageOptions: { globals: globals.node } },
  // Which folder may import which: the layer matrix in eslint/layers.js.
  ...layerRules(layers),
  { files: ['main/core/**', 'main/team-server/**'], rules: noDomGlobals },
  // Inside the core the team server may use the history's SQL pieces, never the SQLite call log itself.
  {
    files: ['main/team-server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: 'call-log/(database|open-call-log|salvage)$', message: 'SQLite code stays in the app; the team server has its own PostgreSQL history.' }] },
      ],
    },
  },
  // Playwright fixtures declare "no dependencies" with an empty destructuring pattern.
  { files: ['test/e2e/**', 'test/electron/**'], rules: { 'no-empty-pattern': 'off' } },
);
