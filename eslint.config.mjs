// Lint rules. The one that shapes the architecture: src/core and src/cli never import `vscode`,
// so the extension and the CLI stand on the same plain-Node core, testable without VS Code.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-package/', 'out/', '.vscode-test/', 'node_modules/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/core and src/cli are plain Node: keep vscode in src/ui and src/extension.ts.' }] },
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
