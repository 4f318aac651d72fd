// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

/** One direction of dependency: entry points (cli, server, main, preload, renderer) -> core -> shared. */
const boundaries = [
  {
    target: './src/shared',
    from: [
      './src/core',
      './src/cli',
      './src/server',
      './src/main',
      './src/preload',
      './src/renderer',
    ],
    message: 'src/shared depends on nothing else in the app.',
  },
  {
    target: './src/core',
    from: ['./src/cli', './src/server', './src/main', './src/preload', './src/renderer'],
    message: 'The engine never reaches into its consumers.',
  },
  {
    target: './src/server',
    from: ['./src/cli', './src/main', './src/preload', './src/renderer'],
    message: 'The dashboard server uses only core and shared.',
  },
  {
    target: './src/cli',
    from: ['./src/main', './src/preload', './src/renderer'],
    message: 'The CLI uses only core, server and shared.',
  },
  {
    target: './src/main',
    from: ['./src/cli', './src/server', './src/preload', './src/renderer'],
    message: 'The Electron main process uses only core and shared.',
  },
  {
    target: './src/preload',
    from: ['./src/core', './src/cli', './src/server', './src/main', './src/renderer'],
    message: 'The preload only bridges the shared IPC contract.',
  },
  {
    target: './src/renderer',
    from: ['./src/core', './src/cli', './src/server', './src/main', './src/preload'],
    message: 'The renderer talks to the engine only through the shared client contract.',
  },
];

/**
 * The core's own layers, top to bottom: a file imports from its own layer or the ones below it,
 * never up (docs/architecture.md draws them). Globs throughout: the rule refuses a zone that mixes
 * globs and plain paths.
 */
const coreLayers = [
  {
    name: 'the entry points (engine, saved-input commands, request handling, metrics)',
    paths: ['./src/core/*.ts', './src/core/metrics/**'],
  },
  {
    name: 'the services beside the pipeline (history, report, probe, doctor)',
    paths: [
      './src/core/history/**',
      './src/core/report/**',
      './src/core/probe/**',
      './src/core/doctor/**',
    ],
  },
  { name: 'the pipeline (monitor)', paths: ['./src/core/monitor/**'] },
  { name: 'the judgement (analysis)', paths: ['./src/core/analysis/**'] },
  {
    name: 'the readers (sockets, logs, daemon, push-clients)',
    paths: [
      './src/core/sockets/**',
      './src/core/logs/**',
      './src/core/daemon/**',
      './src/core/push-clients/**',
    ],
  },
  {
    name: 'the base (input, exec, storage, auth)',
    paths: [
      './src/core/input/**',
      './src/core/exec/**',
      './src/core/storage/**',
      './src/core/auth/**',
    ],
  },
];
const readers = ['sockets', 'logs', 'daemon', 'push-clients'];
const coreLayerZones = [
  ...coreLayers.flatMap((layer, below) =>
    layer.paths.map((target) => ({
      target,
      from: coreLayers.slice(0, below).flatMap((upper) => upper.paths),
      message: `Inside src/core, ${layer.name} never import a layer above them.`,
    })),
  ),
  ...readers.map((reader) => ({
    target: `./src/core/${reader}/**`,
    from: readers.filter((other) => other !== reader).map((other) => `./src/core/${other}/**`),
    message: 'Each reader stands alone: what two readers share lives in the base (src/core/input).',
  })),
].filter((zone) => zone.from.length > 0);

/** Test doubles and fixtures live in test/; the app itself (every non-test file in src/) never imports them. */
const appNeverImportsTests = {
  target: './src',
  from: './test',
  message: 'Test support lives in test/ and only tests import it.',
};

const noElectron = {
  'no-restricted-imports': [
    'error',
    {
      paths: [{ name: 'electron', message: 'Only src/main and src/preload may import electron.' }],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'out',
      'dist',
      'coverage',
      'test-results',
      'playwright-report',
      'bench/.work',
      'e2e/.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { import: importPlugin },
    languageOptions: { globals: { ...globals.node } },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones: boundaries }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: {
      'import/no-restricted-paths': [
        'error',
        { zones: [...boundaries, appNeverImportsTests, ...coreLayerZones] },
      ],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/shared/error-line.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // `e instanceof Error ? e.message : String(e)`, and the like, written by hand again.
          selector:
            "ConditionalExpression[test.operator='instanceof'][test.right.name='Error'][consequent.property.name='message']",
          message: 'Use errorLine() from src/shared/error-line.ts: one rule for one-line errors.',
        },
      ],
    },
  },
  { files: ['src/core/**', 'src/shared/**', 'src/cli/**', 'src/server/**'], rules: noElectron },
  {
    files: ['src/renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron'],
              message: 'The renderer runs in a sandboxed browser page.',
            },
          ],
        },
      ],
    },
  },
  {
    // The bench measures what users run: the built CLI or the engine's entry point, so a change
    // inside the core never breaks it.
    files: ['bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'src/core/(?!engine(-api)?$)',
              message: 'The bench calls the built CLI or src/core/engine, never core internals.',
            },
          ],
        },
      ],
    },
  },
  prettier,
);
