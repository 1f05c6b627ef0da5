import js from '@eslint/js'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// src/core must stay pure: no platform, UI or runtime-specific imports, so main, renderer, CLI
// and tests can all share it.
const coreForbidden = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'src/core is pure TypeScript: no Electron.' },
    { group: ['node:*'], message: 'src/core is pure TypeScript: no Node built-ins.' },
    {
      group: ['svelte', 'svelte/*', '*.svelte'],
      message: 'src/core is pure TypeScript: no Svelte.',
    },
    { group: ['pixi.js', 'pixi.js/*'], message: 'src/core is pure TypeScript: no Pixi.' },
    {
      group: ['onnxruntime-web', 'onnxruntime-web/*', 'onnxruntime-*'],
      message: 'src/core gets the ONNX session injected.',
    },
    { group: ['@mediapipe/*'], message: 'src/core is pure TypeScript: no MediaPipe.' },
    { group: ['playwright-core', 'playwright-core/*'], message: 'src/core is pure TypeScript.' },
    {
      group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/cli/**'],
      message: 'src/core must not import the layers that use it.',
    },
  ],
}
const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'url',
  'stream',
  'worker_threads',
  'util',
  'buffer',
  'events',
  'net',
  'zlib',
]

export default tseslint.config(
  {
    ignores: [
      '.*/**',
      'out/**',
      'dist/**',
      'node_modules/**',
      'training/**',
      'models/**',
      'test-results/**',
      'resources/**',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...coreForbidden,
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'src/core is pure TypeScript: no Node built-ins.',
          })),
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
)
