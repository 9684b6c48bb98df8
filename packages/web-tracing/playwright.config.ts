import { defineConfig } from '@playwright/test'

// Browser behaviour in real Chromium (Debian's /usr/bin/chromium; never
// `playwright install`). Every server is started by the fixtures on
// 127.0.0.1 with port 0, so runs never collide with other services.
export default defineConfig({
  testDir: './browser-tests',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
