import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS } from '../e2e/ports'
import { JAEGER_DASHBOARD_PORT, STORE_PORT, STORE_URL, TEMPO_DASHBOARD_PORT, UPSTREAM_URL } from './upstreams'

// The dashboard with Jaeger and with Tempo as its trace source, in Chromium: ./upstreams.ts serves their recorded
// responses, and two more instances of the built dashboard (`next build` first) read them, one per source. A store
// (no tokens) takes the re-imported downloads and answers the Rollbar panels. `npm run test:dashboard` runs this
// after ../playwright.config.ts.

const dashboard = (port: number, env: Record<string, string>) => ({
  command: `node node_modules/next/dist/bin/next start --port ${port} --hostname 127.0.0.1`,
  cwd: '..',
  url: `http://127.0.0.1:${port}/api/config`,
  env: { SPANLIGHT_STORE_URL: STORE_URL, NEXT_TELEMETRY_DISABLED: '1', ...env },
  reuseExistingServer: false,
  timeout: 60_000,
})

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/sources',
  globalSetup: './upstreams.ts',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: 'list',
  use: {
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'jaeger', testMatch: 'jaeger-source.spec.ts', use: { baseURL: `http://127.0.0.1:${JAEGER_DASHBOARD_PORT}` } },
    { name: 'tempo', testMatch: 'tempo-source.spec.ts', use: { baseURL: `http://127.0.0.1:${TEMPO_DASHBOARD_PORT}` } },
  ],
  webServer: [
    {
      command: `node ../../packages/trace-store/dist/cli.js --memory --port ${STORE_PORT}`,
      cwd: '..',
      url: `${STORE_URL}/api/services`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    dashboard(JAEGER_DASHBOARD_PORT, { SPANLIGHT_TRACE_SOURCE: 'jaeger', JAEGER_URL: `${UPSTREAM_URL}/jaeger` }),
    dashboard(TEMPO_DASHBOARD_PORT, { SPANLIGHT_TRACE_SOURCE: 'tempo', TEMPO_URL: `${UPSTREAM_URL}/tempo` }),
  ],
})
