// Lint rules that keep the rooms apart (who may import whom, as VS Code's layer rules do), and
// only security.ts may open anything outside the app. The layers, from the bottom up:
//   shared/            pure rules and the contract: imports nothing of electron/ or renderer/
//   electron/db        the store: shared/ only
//   electron/services  domain logic: db/ and shared/; never a front door, never Electron or React
//   electron/desk      the transport-neutral core every front door uses (dispatcher, desk, clock)
//   electron/web, electron/cli      front doors without Electron: never electron/main or preload
//   electron/client    the desktop app's client of a board server: shared/ and Node only (no store, no services, no Electron)
//   electron/main, electron/preload the only rooms that may import Electron
//   renderer/          the screens: shared/ only (its way out is src/lib/api.ts)
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronPackage = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/main and electron/preload may import Electron: keep this code runnable in Node (web mode, command line, tests).',
};
const react = { group: ['react', 'react-dom', 'react/*', 'recharts'], message: 'Only the renderer may depend on React.' };
const shell = {
  group: ['**/main/*', '**/main', '**/preload/*', '**/preload'],
  message: 'electron/main and electron/preload are the Electron shell: nothing below them imports them.',
};
const frontDoors = {
  group: ['**/web/*', '**/cli/*', '**/desk/*'],
  message: 'Services and the store know nothing of the front doors or the core that calls them.',
};
const otherDoor = (door) => ({
  group: [`**/${door}/*`],
  message: `One front door does not import another: put what both need in electron/desk.`,
});
const recordsHere = {
  group: ['**/services/*', '**/services/**', '**/db/*', '**/db/**', 'better-sqlite3-multiple-ciphers'],
  message: 'The board server’s client keeps no records on this computer: it speaks the contract (shared/) over HTTPS, nothing more.',
};
const renderer = { group: ['**/renderer/**'], message: 'Code outside the renderer never imports its screens.' };
const electronFolder = {
  group: ['**/electron/**', 'better-sqlite3-multiple-ciphers'],
  message: 'Components and shared rules know nothing of SQL or the main process: the renderer goes through lib/api.ts.',
};

/** One no-restricted-imports rule per room (a later rule for the same files replaces an earlier one). */
export const layers = [
  { files: ['shared/**'], patterns: [electronPackage, react, electronFolder, renderer] },
  { files: ['electron/db/**', 'electron/services/**'], patterns: [electronPackage, react, shell, frontDoors, renderer] },
  { files: ['electron/desk/**'], patterns: [electronPackage, react, shell, otherDoor('web'), otherDoor('cli'), renderer] },
  { files: ['electron/web/**'], patterns: [electronPackage, react, shell, otherDoor('cli'), renderer] },
  { files: ['electron/cli/**'], patterns: [electronPackage, react, shell, otherDoor('web'), renderer] },
  { files: ['electron/client/**'], patterns: [electronPackage, react, shell, frontDoors, recordsHere, renderer] },
  { files: ['electron/main/**', 'electron/preload/**'], patterns: [react, otherDoor('web'), otherDoor('cli'), renderer] },
  { files: ['renderer/src/**'], patterns: [electronFolder] },
];

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
        {
          selector: "CallExpression[callee.property.name='openExternal']:not([callee.object.name='safeOpenExternal'])",
          message: 'Open links only through safeOpenExternal in electron/main/security.ts.',
        },
      ],
    },
  },
  { files: ['electron/main/security.ts'], rules: { 'no-restricted-syntax': 'off' } },
  ...layers.map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } })),
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
