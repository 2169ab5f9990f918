// Lint enforces the layers of DESIGN.md §2: imports flow one way, and the deterministic
// layers (src/engine, src/sim) never read a clock, a timer or a random source of their own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Folder names of the layers, as they appear in a relative import path. */
const layer = (names) => `(^|/)(${names.join('|')})(/|$)`;

/** Globals and properties that would make the engine or the simulator nondeterministic. */
const clockAndRandomBans = {
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate',
      'queueMicrotask', 'performance', 'process', 'window', 'document', 'navigator',
      'crypto', 'require', 'Buffer', 'fetch', 'Worker', 'MessageChannel', 'postMessage',
      'requestAnimationFrame', 'localStorage'].map((name) => ({
      name, message: 'The engine and the simulator take time, randomness and I/O as inputs (DESIGN.md §2, §4).',
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Read time from the nowMs input.' },
    { object: 'Math', property: 'random', message: 'Use the seeded generator.' },
    { object: 'globalThis', message: 'No host globals in deterministic code.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock; pass nowMs.' },
  ],
};

const restrictImports = (forbiddenLayers, { bare = false } = {}) => ({
  'no-restricted-imports': ['error', {
    patterns: [
      { regex: layer(forbiddenLayers), message: 'This import goes against the direction of the layers (DESIGN.md §2).' },
      ...(bare ? [{ regex: '^[^.]', message: 'This layer imports no packages and no Node or browser modules.' }] : []),
    ],
  }],
});

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'bench/results/', 'test-results/', 'public/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { ...clockAndRandomBans, ...restrictImports(['sim', 'shell', 'runtime', 'terminal', 'components', 'layouts', 'pages', 'workers', 'test', 'content'], { bare: true }) },
  },
  {
    files: ['src/sim/**/*.ts'],
    languageOptions: { globals: {} },
    rules: { ...clockAndRandomBans, ...restrictImports(['shell', 'runtime', 'terminal', 'components', 'layouts', 'pages', 'workers', 'test', 'content'], { bare: true }) },
  },
  {
    files: ['src/shell/**/*.ts'],
    rules: { ...restrictImports(['sim', 'runtime', 'terminal', 'components', 'layouts', 'pages', 'workers', 'test', 'content']) },
  },
  {
    // The headless lab runs the shell on the simulator: it may import src/sim, src/shell and src/engine.
    files: ['src/headless/**/*.ts'],
    rules: { ...restrictImports(['runtime', 'terminal', 'components', 'layouts', 'pages', 'workers', 'test', 'content']) },
  },
  {
    files: ['workers/**/*.ts'],
    rules: { ...restrictImports(['sim', 'shell', 'runtime', 'terminal', 'components', 'layouts', 'pages', 'test', 'content']) },
  },
  {
    files: ['src/runtime/**/*.ts'],
    rules: { ...restrictImports(['sim', 'components', 'layouts', 'pages', 'test', 'content']) },
  },
  {
    files: ['src/terminal/**/*.ts'],
    rules: { ...restrictImports(['sim', 'runtime', 'components', 'layouts', 'pages', 'workers', 'test', 'content']) },
  },
);
