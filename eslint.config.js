import { builtinModules } from 'node:module';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const noNode = [
  ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ and shared/ run without Node: no Node modules here.' })),
];

/**
 * The layers, in the direction imports may go (a violation fails `npm test`):
 *   renderer/ → shared/;  electron/core/ → shared/;  electron/main, electron/preload, electron/web → electron/core, shared/.
 * Nothing imports renderer/ or electron/main; shared/ imports nothing of ours outside shared/.
 * Only electron/main and electron/preload import electron; renderer/ and shared/ import no Node modules.
 * No import cycles anywhere in the source.
 */
const layerZones = [
  { target: './shared', from: ['./electron', './renderer'], message: 'shared/ is the bottom layer: it imports nothing from electron/ or renderer/.' },
  { target: './renderer', from: ['./electron'], message: 'renderer/ talks to the core only through the typed API in shared/api.' },
  { target: './electron/core', from: ['./electron/main', './electron/preload', './electron/web', './renderer'], message: 'electron/core imports only shared/: main, preload and web call into the core, never the other way.' },
  { target: './electron/main', from: ['./renderer', './electron/web'], message: 'electron/main imports electron/core and shared/ only.' },
  { target: './electron/web', from: ['./renderer', './electron/main', './electron/preload'], message: 'electron/web imports electron/core and shared/ only.' },
  { target: './electron/preload', from: ['./renderer', './electron/main', './electron/web'], message: 'electron/preload imports electron/core and shared/ only.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'tests/lint/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, ...noNode],
          patterns: [{ group: ['node:*'], message: 'renderer/ and shared/ run without Node: no Node modules here.' }],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'shared/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
