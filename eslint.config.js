/**
 * ESLint 9 flat config: eslint-plugin-office-addins' React config, patched for three bugs of its
 * 4.0.x flat configs: its parser import resolves to undefined (espree then fails on TypeScript), its
 * ecmaVersion is 6 (fails on async) and its `files` leave out *.tsx.
 * The office rules that matter: call-sync-before-read, load-object-before-read, no-context-sync-in-loop.
 */
const officeAddins = require('eslint-plugin-office-addins');
const tseslint = require('typescript-eslint');

const patched = officeAddins.configs.react.map((c) =>
  c.files
    ? {
        ...c,
        files: ['**/*.{js,mjs,cjs,jsx,ts,cts,mts,tsx}'],
        languageOptions: { ...c.languageOptions, parser: tseslint.parser, ecmaVersion: 'latest' },
      }
    : c
);

module.exports = [
  { ignores: ['dist/**', 'dist-test/**', 'lib/**', 'node_modules/**', 'out/**', 'coverage/**', 'bin/**'] },
  ...patched,
  {
    languageOptions: {
      globals: {
        Office: 'readonly',
        Excel: 'readonly',
        OfficeExtension: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        globalThis: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Blob: 'readonly',
        HTMLElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLAnchorElement: 'readonly',
        File: 'readonly',
      },
    },
    rules: {
      'prettier/prettier': 'off',
      'react/react-in-jsx-scope': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // The office.js rules misread ExcelJS objects (row.value, cell.value) in the file host, the CLI and
  // tests; they stay on for office.js code (src/hosts/office, the task pane, commands) and its tests.
  {
    files: [
      'src/hosts/file/**',
      'src/import/xlsxSheets.ts',
      'src/cli/**',
      'src/export/**',
      'scripts/**',
      'test/**',
    ],
    ignores: ['test/hosts/office/**', 'test/hosts/office*.test.ts'],
    rules: {
      'office-addins/load-object-before-read': 'off',
      'office-addins/call-sync-before-read': 'off',
      'office-addins/no-context-sync-in-loop': 'off',
    },
  },
  // TypeScript already resolves every identifier (and knows DOM types like BlobPart).
  { files: ['**/*.{ts,tsx,mts,cts}'], rules: { 'no-undef': 'off' } },
  {
    files: ['*.js', 'scripts/**', 'test/**'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        jest: 'readonly',
        test: 'readonly',
        expect: 'readonly',
        describe: 'readonly',
        beforeAll: 'readonly',
        afterAll: 'readonly',
        beforeEach: 'readonly',
        afterEach: 'readonly',
        global: 'readonly',
      },
    },
  },
];
