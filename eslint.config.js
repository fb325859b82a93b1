// Lint: TypeScript-aware rules for main, preload, tests and scripts; Svelte rules for the renderer;
// plus the project's architectural rules: only src-main/electron may import 'electron', the renderer
// reaches main only through the bridge, and src-shared is pure TypeScript both processes can load.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.bench-scratch/**', 'test-results/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}', 'test/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src-main/electron may import electron: keep this module plain Node.' }] }],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,svelte}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src-main/**', 'electron', 'node:*'], message: 'The renderer talks to main only through the bridge.' }] }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      // Globals both a browser and Node have (URL, console) stay; Node's own (process, Buffer) do not.
      'no-restricted-globals': ['error', ...Object.keys(globals.node).filter((name) => !(name in globals.browser))],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.map((name) => ({ name, message: 'src-shared runs in the renderer too: no Node modules.' })),
            { name: 'zod', message: "Use 'zod/mini': the renderer bundles the shared schemas, and classic zod is several times larger." },
          ],
          patterns: [
            {
              group: ['**/src-main/**', '**/src-renderer/**', '**/src-preload/**', 'electron', 'node:*'],
              message: 'src-shared imports nothing from main, renderer, preload, Electron or Node: both processes load it.',
            },
          ],
        },
      ],
    },
  },
);
