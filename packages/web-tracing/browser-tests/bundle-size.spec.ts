import { expect, test } from '@playwright/test'
// @ts-expect-error -- plain ESM benchmark helper without type declarations
import { measureEntry } from '../bench/bundle-size.mjs'

type Measure = (entry: string) => Promise<{ startupGzipBytes: number }>

/**
 * Size budgets, so the bundle cannot grow silently. Measured like
 * `pnpm bench:web` (esbuild minified ESM es2020, gzip -9, startup chunks),
 * against plain OpenTelemetry built in the same run. Raise a budget only
 * on purpose, with the reason in the commit.
 */
const BUDGETS = {
  'spanlight.js': { maxGzipBytes: 25_500, maxRatio: 0.7, baseline: 'plain-otel.js' },
  'spanlight-rollbar.js': { maxGzipBytes: 51_300, maxRatio: 0.8, baseline: 'plain-otel-rollbar.js' },
}

test.describe('bundle size budget', () => {
  for (const [entry, budget] of Object.entries(BUDGETS)) {
    test(`${entry} stays within ${budget.maxGzipBytes} B gzipped and ${budget.maxRatio}x plain OpenTelemetry`, async () => {
      test.setTimeout(120_000)
      const [ours, baseline] = await Promise.all([(measureEntry as Measure)(entry), (measureEntry as Measure)(budget.baseline)])
      expect(ours.startupGzipBytes).toBeLessThanOrEqual(budget.maxGzipBytes)
      expect(ours.startupGzipBytes / baseline.startupGzipBytes).toBeLessThanOrEqual(budget.maxRatio)
    })
  }
})
