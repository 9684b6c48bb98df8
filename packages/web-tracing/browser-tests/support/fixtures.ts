import { test as base, expect, type Page } from '@playwright/test'
import { createTraceStore, type TraceStore, type TraceView } from '@spanlight/trace-store'
import { bundlePages, startPageServer } from './page-server.js'
import { startRecordingServer, type RecordingServer } from './recording-server.js'

export interface Servers {
  /** the real trace store (OTLP receiver, query API, Rollbar API) */
  store: TraceStore
  /** the page origin */
  app: RecordingServer
  /** the allowed API: another origin whose CORS accepts traceparent */
  api: RecordingServer
  /** a third origin that is not a propagation target and does not accept traceparent */
  third: RecordingServer
}

/** Config handed to every test page as `window.__TEST_CONFIG__`. */
export interface PageConfig {
  serviceName: string
  endpoint: string
  api: string
  third: string
  [key: string]: unknown
}

export const test = base.extend<{ openPage: (name: string, config?: Partial<PageConfig>) => Promise<PageConfig> }, { servers: Servers }>({
  servers: [
    // Playwright requires the object pattern even when no fixture is used
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const bundles = await bundlePages()
      // the store logs only what it refused (partial success, failed writes): show it next to a failing test
      const store = await createTraceStore({ port: 0, databaseFile: ':memory:', log: (message) => console.error(`[store] ${message}`) })
      const app = await startPageServer(bundles)
      const api = await startRecordingServer({ cors: { allowHeaders: ['content-type', 'traceparent', 'tracestate', 'x-custom'] } })
      const third = await startRecordingServer({ cors: { allowHeaders: ['content-type', 'x-custom'] } })
      await use({ store, app, api, third })
      await Promise.all([app.close(), api.close(), third.close(), store.close()])
    },
    { scope: 'worker' },
  ],
  openPage: async ({ page, servers }, use, testInfo) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await use(async (name, overrides = {}) => {
      const config: PageConfig = {
        serviceName: `web-${testInfo.testId}-${Math.random().toString(16).slice(2, 8)}`,
        endpoint: servers.store.url,
        api: servers.api.origin,
        third: servers.third.origin,
        ...overrides,
      }
      await page.goto(`${servers.app.origin}/pages/${name}.html?config=${encodeURIComponent(JSON.stringify(config))}`)
      await page.waitForFunction(() => (window as unknown as { __READY__?: boolean }).__READY__ === true)
      return config
    })
    testInfo.annotations.push(...errors.map((description) => ({ type: 'pageerror', description })))
  },
})

export { expect }

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url)
  return { status: response.status, body: (await response.json()) as T }
}

/** The stored trace, or null while the store does not have it yet. */
export async function fetchTrace(store: TraceStore, traceId: string): Promise<TraceView | null> {
  const { status, body } = await getJson<TraceView>(`${store.url}/api/traces/${traceId}`)
  return status === 200 ? body : null
}

/** Polls the store until the trace has at least `spanCount` spans (no sleeps: expect.poll retries). */
export async function waitForTrace(store: TraceStore, traceId: string, spanCount: number): Promise<TraceView> {
  let trace: TraceView | null = null
  await expect
    .poll(
      async () => {
        trace = await fetchTrace(store, traceId)
        return trace?.spans.length ?? 0
      },
      { message: `trace ${traceId} with ${spanCount} spans` },
    )
    .toBeGreaterThanOrEqual(spanCount)
  return trace!
}

/** Polls the store until trace `traceId` holds a span of each of `names`; returns it. Spans of one trace may arrive in several exports. */
export async function waitForTraceWithSpans(store: TraceStore, traceId: string, names: string[]): Promise<TraceView> {
  let trace: TraceView | null = null
  await expect
    .poll(
      async () => {
        trace = await fetchTrace(store, traceId)
        const present = new Set(trace?.spans.map((span) => span.name))
        return names.filter((name) => !present.has(name))
      },
      { message: `trace ${traceId} with spans ${names.join(', ')}` },
    )
    .toEqual([])
  return trace!
}

/** Polls the store until a trace of `service` has spans with all `names`; returns it. */
export async function waitForServiceTrace(store: TraceStore, service: string, names: string[]): Promise<TraceView> {
  let found: TraceView | null = null
  await expect
    .poll(
      async () => {
        const { body } = await getJson<{ traces: { traceId: string }[] }>(`${store.url}/api/traces?service=${encodeURIComponent(service)}&limit=20`)
        for (const summary of body.traces ?? []) {
          const trace = await fetchTrace(store, summary.traceId)
          if (trace && names.every((name) => trace.spans.some((span) => span.name === name))) {
            found = trace
            return true
          }
        }
        return false
      },
      { message: `a trace of ${service} with spans ${names.join(', ')}` },
    )
    .toBe(true)
  return found!
}

export function attribute(span: TraceView['spans'][number], key: string): unknown {
  const value = span.attributes.find((entry) => entry.key === key)?.value as Record<string, unknown> | undefined
  if (!value) return undefined
  return value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue
}

/**
 * Every span the store holds for `service` (a page's spans may be many traces: a vital, a navigation, a long frame
 * each), polled until `done(spans)` holds.
 */
export async function waitForServiceSpans(servers: Servers, service: string, done: (spans: TraceView['spans']) => boolean): Promise<TraceView['spans']> {
  let spans: TraceView['spans'] = []
  await expect
    .poll(
      async () => {
        const { body } = await getJson<{ traces: { traceId: string }[] }>(`${servers.store.url}/api/traces?service=${encodeURIComponent(service)}&limit=100`)
        const traces = await Promise.all((body.traces ?? []).map((summary) => fetchTrace(servers.store, summary.traceId)))
        spans = traces.flatMap((trace) => trace?.spans ?? [])
        return done(spans)
      },
      { message: `spans of ${service}` },
    )
    .toBe(true)
  return spans
}

/** Calls `window.__TEST__[name](...args)` in the page. */
export function callPage<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([method, params]) => (window as unknown as { __TEST__: Record<string, (...values: unknown[]) => unknown> }).__TEST__[method]!(...params),
    [name, args] as const,
  ) as Promise<T>
}

export type { Page }
