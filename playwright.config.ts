import { defineConfig } from '@playwright/test'

// The whole system, on the default ports, exactly as `npm start` runs it
// (built first by `npm test`). In-memory store and API database: every run starts clean.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:3000',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      // as npm start: the store may fetch the SPA's hidden source maps from where it is served
      command: 'node packages/trace-store/dist/cli.js --memory --port 4318 --source-map-origin http://127.0.0.1:3000',
      url: 'http://127.0.0.1:4318/health',
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: 'node --import ./apps/demo-api/dist/instrumentation.js apps/demo-api/dist/server.js',
      url: 'http://127.0.0.1:4567/api/health',
      env: { DEMO_API_DATABASE_FILE: ':memory:' },
      reuseExistingServer: false,
      stdout: 'ignore',
    },
    {
      command: 'npm run --silent --prefix apps/demo-web preview',
      url: 'http://127.0.0.1:3000',
      reuseExistingServer: false,
      stdout: 'ignore',
    },
  ],
})
