// ESLint flat config: recommended JS everywhere; for the TypeScript (.ts, .tsx, .cts, .mts: src/, test/,
// bench/, app/) typescript-eslint's recommended rules and its type-aware ones, which read each file's
// TypeScript program (projectService: the nearest tsconfig.json — the root one for src/, test/node/ and
// bench/, app/renderer's, app/main's, app/preload's, test/renderer's).
//
// Type-aware: typescript-eslint's recommendedTypeChecked set, less the rules the code does not meet yet
// (their violations when they were left out): no-unnecessary-type-assertion (53), require-await (15),
// unbound-method (11), no-unsafe-assignment / -member-access / -call / -return (11, all in tests),
// no-base-to-string (4), no-redundant-type-constituents (2), only-throw-error (1), no-implied-eval (1,
// a test that builds a function on purpose). Turn one on, fix what it finds.
//
// React hooks (eslint-plugin-react-hooks): the rules of hooks and exhaustive dependencies on the renderer.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.cts', '**/*.mts'];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'build/**', 'node_modules/**', 'app/**/dist/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: TS,
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // node:test's test() / describe() return promises the runner itself awaits
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
      // onClick={async () => …} in JSX: React ignores the promise; elsewhere a promise where void is expected is an error
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-implied-eval': 'off',
    },
  },
  {
    files: TS,
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['app/renderer/src/**/*.ts', 'app/renderer/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // layering: the renderer runs sandboxed in a browser and reaches the engine only through the protocol,
    // so it may import only the pure shared modules (types from anywhere: they are erased)
    files: ['app/renderer/src/**/*.ts', 'app/renderer/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'electron', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'ws', 'sqlite3'], message: 'the renderer runs in a browser sandbox: no Node, Electron or native modules' },
            {
              regex: '(^|/)src/(?!(native/(schemas|schemas-core|[a-z]+-schema|layers|vae-layers|gan-layers|catalog|errors|validate)|protocol/[a-z-]+|experiments/(run-types|config-path|flatten-config|sweep-point|sweep-summary)|format/[a-z-]+|labs/[a-z-]+|lessons/(format|observe)|presets/(preset-file|class-pack)|export/pytorch/labs|data/(image-convert|image-set|csv-table))$)',
              allowTypeImports: true,
              message: 'the renderer may import only the pure shared modules (schemas, layers, catalog, protocol, labs, format…): reach the engine and the store through the protocol',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
