import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, DASHBOARD_PORT, DASHBOARD_URL, READ_TOKEN, ROLLBAR_POST_TOKEN, STORE_PORT, STORE_URL, WRITE_TOKEN } from './e2e/ports'

// Starts a fresh in-memory trace store (with a read token) and the built dashboard (`next build` first), then runs e2e/*.spec.ts in Debian's Chromium.
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: 'list',
  use: {
    baseURL: DASHBOARD_URL,
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: `node ../../packages/trace-store/dist/cli.js --memory --port ${STORE_PORT}`,
      // answers 401 without the token, which Playwright counts as up
      url: `${STORE_URL}/api/services`,
      env: { SPANLIGHT_READ_TOKEN: READ_TOKEN, SPANLIGHT_ROLLBAR_POST_TOKEN: ROLLBAR_POST_TOKEN, SPANLIGHT_WRITE_TOKEN: WRITE_TOKEN },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node node_modules/next/dist/bin/next start --port ${DASHBOARD_PORT} --hostname 127.0.0.1`,
      url: `${DASHBOARD_URL}/api/config`,
      env: {
        SPANLIGHT_STORE_URL: STORE_URL,
        SPANLIGHT_READ_TOKEN: READ_TOKEN,
        // the store's write token: saved queries are saved and deleted with it
        SPANLIGHT_WRITE_TOKEN: WRITE_TOKEN,
        ROLLBAR_WRITE_TOKEN: WRITE_TOKEN,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
})
