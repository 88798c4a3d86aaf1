// Lint: typescript-eslint with type information for promise rules, and import
// zones that repeat what the per-folder tsconfigs enforce, so a forbidden import
// is named plainly in the editor as well as failing the build.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

import { builtinModules } from 'node:module';

// Bare built-in names must match exactly ('crypto', not '../crypto/dsa'), so they are
// `paths`; 'node:*' is a pattern.
const nodeBuiltinPaths = (message) => builtinModules.map((name) => ({ name, message }));

// otr/ has one front door (otr/index.ts); its subfolders are its own business. Tests
// may also take otr/test-support's fixtures.
const otrFrontDoor = (tests) => ({
  regex: tests ? '(^|/)otr/(?!index$|test-support/)' : '(^|/)otr/(?!index$)',
  message: 'Import the OTR library through its front door, otr/index.ts (see otr/README.md).',
});

// '**/otr/**' misses the front door itself ('../otr'); this catches it where otr/ is off limits.
const otrItself = (message) => ({ regex: '^(\\.\\./)+otr$', message });

// Only tests, the benchmarks (scripts/bench) and e2e/ import testkit/.
const noTestkit = { group: ['**/testkit/**'], message: 'testkit/ is for tests, scripts/bench and e2e/ only.' };

const zone = (patterns, message, { node = false, extra = [] } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [{ group: node ? [...patterns, 'node:*'] : patterns, message }, ...extra],
      ...(node ? { paths: nodeBuiltinPaths(message) } : {}),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'release/', 'e2e/output/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        ...['it', 'describe', 'test'].map((object) => ({
          object,
          property: 'only',
          message: 'No focused tests: they silently skip the rest.',
        })),
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use none of it.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['otr/**/*.ts'],
    ignores: ['otr/**/*.test.ts', 'otr/test-support/**'],
    rules: zone(
      ['**/app/**', '**/protocols/**', '**/main/**', '**/renderer/**', 'electron'],
      'otr/ is pure: no I/O, no Node, no app code.',
      { node: true, extra: [noTestkit] },
    ),
  },
  {
    files: ['otr/test-support/**/*.ts'],
    rules: zone(
      [
        '**/app/**',
        '**/protocols/**',
        '**/main/**',
        '**/renderer/**',
        '**/testkit/**',
        '**/scripts/**',
        '**/e2e/**',
        'electron',
      ],
      'otr/test-support holds pure fixtures: it imports only otr/ (no Node, no app/, no testkit/).',
      { node: true },
    ),
  },
  {
    // otr/'s own tests reach Node, app/ and the real libotr only through testkit/.
    files: ['otr/**/*.test.ts'],
    ignores: ['otr/test-support/**'],
    rules: zone(
      ['**/app/**', '**/protocols/**', '**/main/**', '**/renderer/**', '**/scripts/**', '**/e2e/**', 'electron'],
      'otr/ tests import otr/ and testkit/ only.',
    ),
  },
  {
    files: ['protocols/**/*.ts'],
    ignores: ['protocols/**/*.test.ts', 'protocols/**/test-support/**'],
    rules: zone(
      ['**/app/**', '**/main/**', '**/renderer/**', '**/otr/**', 'electron'],
      'protocols/ never imports app/, otr/, main/ or renderer/.',
      {
        extra: [otrItself('protocols/ never imports otr/.'), noTestkit],
      },
    ),
  },
  {
    files: ['protocols/**/*.test.ts', 'protocols/**/test-support/**/*.ts'],
    rules: zone(
      ['**/app/**', '**/otr/**', '**/main/**', '**/renderer/**', '**/scripts/**', '**/e2e/**', 'electron'],
      'protocols/ tests import protocols/ and testkit/ only (never app/ or otr/).',
      {
        extra: [otrItself('protocols/ tests never import otr/.')],
      },
    ),
  },
  {
    files: ['app/**/*.ts'],
    ignores: ['app/**/*.test.ts', 'app/test-support/**'],
    rules: zone(
      ['**/main/**', '**/renderer/**', 'electron'],
      'app/ runs without Electron and never imports main/ or renderer/.',
      { extra: [otrFrontDoor(false), noTestkit] },
    ),
  },
  {
    files: ['app/**/*.test.ts', 'app/test-support/**/*.ts'],
    rules: zone(
      ['**/main/**', '**/renderer/**', '**/scripts/**', '**/e2e/**', 'electron'],
      'app/ tests import app/, otr/ (its front door), protocols/ and testkit/.',
      { extra: [otrFrontDoor(true)] },
    ),
  },
  {
    files: ['testkit/**/*.ts'],
    rules: zone(
      ['**/main/**', '**/renderer/**', '**/scripts/**', '**/e2e/**', 'electron'],
      'testkit/ may import otr/ (its front door), protocols/ and app/; never main/, renderer/, scripts/ or e2e/.',
      {
        extra: [otrFrontDoor(true)],
      },
    ),
  },
  {
    files: ['main/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otrFrontDoor(true)] }] },
  },
  {
    // Tests, the benchmarks and e2e/ may use testkit/; the rest of scripts/ and main/ may not.
    files: ['main/**/*.ts', 'scripts/**/*.ts', 'scripts/**/*.mjs'],
    ignores: ['**/*.test.ts', 'scripts/bench/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [otrFrontDoor(true), noTestkit] }] },
  },
  {
    files: ['app/api/**/*.ts'],
    ignores: ['app/api/**/*.test.ts'],
    rules: zone(
      ['**/main/**', '**/renderer/**', '**/core/**', '**/transport/**', '**/protocols/**', '**/otr/**', 'electron'],
      'app/api is the contract only: shared by every front end, with no Node.',
      {
        node: true,
        extra: [otrItself('app/api is the contract only: no otr/.'), noTestkit],
      },
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+app/(?!api/)', message: 'The renderer may import only app/api (the contract).' },
            {
              group: ['**/otr/**', '**/protocols/**', '**/main/**', '**/testkit/**', 'node:*', 'electron'],
              message: 'The renderer is untrusted: no Node, no Electron, no core modules.',
            },
            otrItself('The renderer is untrusted: no core modules.'),
          ],
          paths: nodeBuiltinPaths('The renderer is untrusted: no Node.'),
        },
      ],
    },
  },
);
