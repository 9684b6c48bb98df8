/// <reference types="node" />
// This test runs in Node (Vitest); the package itself is built without Node types.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The runtime exports of each entry point in package.json's exports map. A
// change here changes what apps can import: make it on purpose (and in the
// README), never as a side effect of exporting a helper for a test.
const SURFACE: Record<string, { load: () => Promise<Record<string, unknown>>; exports: string[] }> = {
  '.': {
    load: () => import('./index.js'),
    exports: [
      'ATTR_SESSION_ID',
      'DEFAULT_ENDPOINT',
      'DEFAULT_EXPORT_DELAY_MS',
      'DEFAULT_EXPORT_TIMEOUT_MS',
      'DEFAULT_MAX_EXPORT_BATCH_SIZE',
      'DEFAULT_MAX_QUEUE_SIZE',
      'DEFAULT_REDACTED_QUERY_PARAMS',
      'DEFAULT_ROLLBAR_ENDPOINT',
      'DEFAULT_SAMPLE_RATE',
      'DEFAULT_SERVICE_NAME',
      'DEFAULT_SESSION_TIMEOUT_MS',
      'LOG_PREFIX',
      'MESSAGES',
      'TRACER_NAME',
      'initWebTracing',
    ],
  },
  './rollbar': { load: () => import('./rollbar.js'), exports: ['ATTR_ROLLBAR_ITEM_UUID', 'lazyRollbarBridge', 'rollbarBridge'] },
  './propagation': { load: () => import('./propagation.js'), exports: ['b3', 'b3multi', 'xray'] },
  './react': {
    load: () => import('./react/index.js'),
    exports: [
      'ATTR_MUTATION_KEY',
      'ATTR_QUERY_CACHE_HIT',
      'ATTR_QUERY_HASH',
      'ATTR_QUERY_KEY',
      'ATTR_QUERY_RETRIES',
      'ATTR_QUERY_STATUS',
      'ERROR_BOUNDARY_SPAN_NAME',
      'SpanlightErrorBoundary',
      'SpanlightProvider',
      'instrumentQueryClient',
      'useWebTracing',
    ],
  },
  './interactions': {
    load: () => import('./interactions.js'),
    exports: [
      'ATTR_INTERACTION_TARGET_NAME',
      'ATTR_INTERACTION_TARGET_SELECTOR',
      'ATTR_INTERACTION_TARGET_TAG',
      'ATTR_INTERACTION_TYPE',
      'DEFAULT_INTERACTION_MAX_DURATION_MS',
      'INTERACTIONS_MESSAGES',
      'traceInteractions',
    ],
  },
  './long-frames': {
    load: () => import('./long-frames.js'),
    exports: [
      'ATTR_LONG_FRAME_BLOCKING_DURATION',
      'ATTR_LONG_FRAME_DURATION',
      'ATTR_LONG_FRAME_DURING',
      'ATTR_LONG_FRAME_SCRIPT_INVOKER',
      'ATTR_LONG_FRAME_SCRIPT_SOURCE_URL',
      'DEFAULT_LONG_FRAME_THRESHOLD_MS',
      'DEFAULT_MAX_FRAMES_PER_MINUTE',
      'LONG_FRAMES_MESSAGES',
      'LONG_FRAME_SPAN_NAME',
      'traceLongFrames',
    ],
  },
  './routes': {
    load: () => import('./routes.js'),
    exports: [
      'ATTR_NAVIGATION_END',
      'ATTR_NAVIGATION_FROM_PATH',
      'ATTR_NAVIGATION_TYPE',
      'ATTR_PAGE_PATH',
      'ATTR_PAGE_ROUTE',
      'NAVIGATION_SPAN_PREFIX',
      'ROUTES_MESSAGES',
      'traceRoutes',
    ],
  },
  './vitals': {
    load: () => import('./vitals.js'),
    exports: [
      'ATTR_NAVIGATION_ID',
      'ATTR_WEB_VITAL_NAME',
      'ATTR_WEB_VITAL_RATING',
      'ATTR_WEB_VITAL_VALUE',
      'VITALS_MESSAGES',
      'WEB_VITAL_SPAN_PREFIX',
      'traceWebVitals',
    ],
  },
  // side-effect entries: importing them is the whole API
  './xhr': { load: () => import('./xhr.js'), exports: [] },
  './zone': { load: () => import('./zone.js'), exports: [] },
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
    it(`${entry} exports exactly ${exports.length === 0 ? 'nothing' : exports.join(', ')}`, async () => {
      expect(Object.keys(await load()).sort()).toEqual(exports)
    })
  }

  it('keeps the same constant for the error ↔ Rollbar item link on both sides', async () => {
    const { ATTR_ROLLBAR_ITEM_UUID } = await import('./rollbar.js')
    expect(ATTR_ROLLBAR_ITEM_UUID).toBe('rollbar.item.uuid')
  })

  it('names the web-vital attributes after the OpenTelemetry browser conventions', async () => {
    const vitals = await import('./vitals.js')
    expect([vitals.ATTR_WEB_VITAL_NAME, vitals.ATTR_WEB_VITAL_VALUE, vitals.ATTR_WEB_VITAL_RATING]).toEqual([
      'browser.web_vital.name',
      'browser.web_vital.value',
      'browser.web_vital.rating',
    ])
  })
})
