import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypeScript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';
import tseslint from 'typescript-eslint';

// `npm run lint`: Next.js's rules (core web vitals, React, React hooks, accessibility, imports),
// typescript-eslint's type-checked rules, and the import boundaries below. Formatting is Prettier's
// alone (eslint-config-prettier turns off every rule that would argue with it).

// A directory may not import from these (as `@/dir/…` or a relative path that climbs into it).
const boundary = (dir, why) => ({ regex: `^(@/|(\\.\\./)+)${dir}(/|$)`, message: why });

export default tseslint.config(
  {
    ignores: ['.next/**', 'node_modules/**', '.data/**', 'bench/out/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'blob-report/**'],
  },
  ...nextVitals,
  ...nextTypeScript,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Errors only: a warning nobody has to fix is noise (the lint script allows none).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': 'error',
      // Server actions and route handlers are async by Next's contract even when they await nothing.
      '@typescript-eslint/require-await': 'off',
      // `void promise` is how this code base says "fire and forget, on purpose"; node:test's test()
      // returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { ignoreVoid: true, allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
      // Passing an async function where a callback returns void (event handlers, `server.on(...)`) is fine in React and Node.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // Public pages use plain <a> links on purpose: no client router, no prefetches (see the README).
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    // Tests and benchmarks read JSON answers (typed `any`) and assert on them: the assertions are the
    // type check there. Application code keeps every no-unsafe-* rule.
    files: ['tests/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (configs, the loader hooks) is not in the TypeScript project.
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [boundary('app', 'components/ import nothing from app/: pass server actions in as props, or import them from lib/.')] },
      ],
    },
  },
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [boundary('lib', 'db/ imports nothing from lib/: it reads its own settings (db/config.ts); anything else is passed in by the caller.')] },
      ],
    },
  },
  prettier,
);
