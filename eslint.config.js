// Lint rules that keep the rooms apart: services, database code and shared rules never import
// Electron or React, and only security.ts may open anything outside the app.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const noElectronOrReact = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'Services, database code and shared rules must not depend on Electron: only electron/main, electron/preload and electron/ipc do.' },
    { group: ['react', 'react-dom', 'react/*', 'recharts'], message: 'Services, database code and shared rules must not depend on React.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='openExternal']:not([callee.object.name='safeOpenExternal'])", message: 'Open links only through safeOpenExternal in electron/main/security.ts.' },
      ],
    },
  },
  { files: ['electron/main/security.ts'], rules: { 'no-restricted-syntax': 'off' } },
  { files: ['electron/services/**', 'electron/db/**', 'electron/app/**', 'electron/web/**', 'electron/cli/**', 'shared/**'], rules: { 'no-restricted-imports': ['error', noElectronOrReact] } },
  { files: ['renderer/**/*.tsx', 'renderer/**/*.ts'], plugins: { 'react-hooks': reactHooks }, rules: { ...reactHooks.configs.recommended.rules } },
  {
    files: ['renderer/src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/electron/**', 'better-sqlite3'], message: 'Components know nothing of SQL or the main process: go through lib/api.ts.' }] }] },
  },
);
