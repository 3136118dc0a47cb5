// ESLint 9 flat config: ESLint's and typescript-eslint's recommended rules and Microsoft's
// office-addins recommended rules, over src/ (.ts and .tsx). Formatting is Prettier's own step
// (npm run prettier), as eslint-config-prettier intends.
import js from '@eslint/js';
import officeAddins from 'eslint-plugin-office-addins';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The plugin's recommended config registers its own bundled copy of @typescript-eslint (which
// cannot sit beside the project's) and matches .js/.ts files only. Take the rules of its
// office-addins block, minus prettier/prettier, and apply them to .ts and .tsx with the project's
// parser, in the code that talks to Office: the task pane and the custom functions. (The command's
// exceljs objects look like office.js proxies to these rules: getCell(), .isMerged.)
const officeRules = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.find((config) => config.plugins?.['office-addins'])?.rules ?? {}).filter(
    ([rule]) => rule !== 'prettier/prettier',
  ),
);

export default tseslint.config(
  { ignores: ['dist/**', 'lib/**', 'node_modules/**', 'test-output/**', 'bench/out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      parserOptions: { ecmaFeatures: { jsx: true } },
      globals: {
        ...globals.browser,
        ...globals.node,
        // office.js and the custom-functions runtime.
        Excel: 'readonly',
        Office: 'readonly',
        OfficeExtension: 'readonly',
        OfficeRuntime: 'readonly',
        CustomFunctions: 'readonly',
        // @types/node's namespace, used in types (NodeJS.ReadableStream).
        NodeJS: 'readonly',
      },
    },
  },
  {
    files: ['src/taskpane/**/*.{ts,tsx}', 'src/functions/**/*.{ts,tsx}'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  {
    // The metadata generator reads a range argument or a table result only from any[][].
    files: ['src/functions/functions.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The terminal-text helpers exist to match control characters.
    files: ['src/cli/text.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // unzipper ships no typings: loaded with require and typed by the shapes declared beside it.
    files: ['src/cli/vendor.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
