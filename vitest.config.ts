import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Tests that start a store run its source, never whatever `dist/` was last built (issue 13); its ingest
    // workers then load their source too (packages/trace-store/src/ingest/batch-encoder.ts).
    alias: [
      { find: /^@spanlight\/trace-store$/, replacement: fileURLToPath(new URL('./packages/trace-store/src/index.ts', import.meta.url)) },
      { find: /^@spanlight\/trace-store\/helpers$/, replacement: fileURLToPath(new URL('./packages/trace-store/src/helpers.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
    testTimeout: 20_000,
  },
})
