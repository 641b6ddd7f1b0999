// Lint rules. The ones that shape the architecture, by path (as GitLens does): src/core imports
// neither `vscode` nor src/ui nor src/cli; src/cli and the terminal shim (src/shim.ts, src/cli.ts)
// import neither `vscode` nor src/ui; inside src/ui nothing below commands/ imports it. So the extension, the CLI and the shim stand on one
// plain-Node core, testable without VS Code. test/unit/lintBoundary.test.ts proves each rule bites.
import eslint from '@eslint/js';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-package/', 'out/', '.vscode-test/', 'node_modules/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly' } },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      // Import order is the lint's (and `npm run format` fixes it); line length is Prettier's (.prettierrc.json).
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is plain Node: keep vscode in src/ui and src/extension.ts.' }],
          patterns: [
            {
              group: ['**/ui', '**/ui/**', '**/cli', '**/cli/**', '**/extension', '**/shim'],
              message: 'src/core stands below src/ui, src/cli and the entry points: it imports none of them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/cli.ts', 'src/shim.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'the CLI and the terminal shim are plain Node: keep vscode in src/ui and src/extension.ts.' }],
          patterns: [
            { group: ['**/ui', '**/ui/**', '**/extension'], message: 'the CLI and the terminal shim stand on src/core, never on the extension (src/ui).' },
          ],
        },
      ],
    },
  },
  {
    // src/ui by job: views/, state/, prompts/, createContext/ stand below commands/ (one command
    // per file) and never import from it; only commands/ and src/extension.ts reach the commands.
    files: ['src/ui/**/*.ts'],
    ignores: ['src/ui/commands/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/commands', '**/commands/**'],
              message: 'views, state, prompts and createContext stand below src/ui/commands: they import none of it.',
            },
          ],
        },
      ],
    },
  },
  {
    // Heavy modules are loaded only through the lazy loaders of src/core/vendor.ts.
    files: ['src/**/*.ts'],
    ignores: ['src/core/vendor.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['dockerode', 'ssh2', 'node-forge'].map((name) => ({
            name,
            message: 'Load heavy modules lazily through src/core/vendor.ts (type-only imports are fine).',
            allowTypeImports: true,
          })),
        },
      ],
    },
  },
);
