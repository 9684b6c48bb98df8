import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The runtime exports of each entry point in package.json's exports map. A
// change here changes what users of the store can import: make it on purpose
// (and in the README), never as a side effect of exporting a helper for a test.
// Types are erased at runtime, so `tsc` and the attw check in
// check:store-package hold those.
const SURFACE: Record<string, { load: () => Promise<Record<string, unknown>>; exports: string[] }> = {
  '.': {
    load: () => import('./index.js'),
    exports: [
      'DEFAULT_DATABASE_FILE',
      'DEFAULT_HOST',
      'DEFAULT_MAX_BODY_BYTES',
      'DEFAULT_PORT',
      'DEFAULT_RETENTION_MAX_AGE_MS',
      'DEFAULT_RETENTION_MAX_SPANS',
      'IN_MEMORY',
      'createTraceStore',
    ],
  },
  './helpers': {
    load: () => import('./helpers.js'),
    exports: [
      'CALCULATION_OPS',
      'FILTER_OPS',
      'HAVING_OPS',
      'INTRINSIC_COLUMNS',
      'QuerySpecError',
      'describeZodError',
      'nanoDiffMs',
      'parseQuerySpec',
      'specToJson',
    ],
  },
}

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { exports: Record<string, unknown> }

describe('the public surface', () => {
  it('lists every entry point of the exports map, and nothing else', () => {
    expect(
      Object.keys(packageJson.exports)
        .filter((entry) => entry !== './package.json')
        .sort(),
    ).toEqual(Object.keys(SURFACE).sort())
  })

  for (const [entry, { load, exports }] of Object.entries(SURFACE)) {
    it(`${entry} exports exactly ${exports.join(', ')}`, async () => {
      expect(Object.keys(await load()).sort()).toEqual(exports)
    })
  }
})
