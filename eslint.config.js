import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'packages/trace-store/build/**',
      'packages/trace-store/otlp-proto/**',
      '**/node_modules/**',
      '**/.next/**',
      '.tools/**',
      '**/*.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // type-aware rules: a promise nobody awaits or handles is how errors vanish and tests pass too early
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['playwright.config.ts', 'vitest.config.ts', 'packages/*/playwright.config.ts', 'packages/web-tracing/examples/*.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // the store's build (tsconfig.json) leaves its tests, test-support/ and bench/ out; tsconfig.dev.json has them all
    files: ['packages/trace-store/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: ['packages/trace-store/tsconfig.dev.json'], tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // the three React codebases
    files: ['apps/dashboard/src/**/*.{ts,tsx}', 'apps/demo-web/src/**/*.{ts,tsx}', 'packages/web-tracing/src/react/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  { ignores: ['apps/dashboard/test-results/**', 'apps/dashboard/playwright-report/**', 'apps/dashboard/bench/results/**'] },
  {
    // the dashboard's client components, Playwright specs and benchmark run in the browser too
    files: ['apps/dashboard/**/*.{ts,tsx,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // the demo SPA runs in the browser
    files: ['apps/demo-web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  { ignores: ['packages/web-tracing/test-results/**', 'packages/web-tracing/playwright-report/**'] },
  {
    // the browser package writes to the host app's console only through its logger (one prefix, levels, debug off by default)
    files: ['packages/web-tracing/src/**/*.{ts,tsx}'],
    ignores: ['packages/web-tracing/src/logger.ts', 'packages/web-tracing/src/**/*.test.{ts,tsx}'],
    rules: { 'no-console': 'error' },
  },
  {
    // web-tracing's source, test pages and benchmark entries run in the browser
    files: ['packages/web-tracing/**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
)
