import { createTraceStore, type TraceStore } from '@spanlight/trace-store'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// The Frontend page's queries against a real in-memory store (port 4869): the route tiers count every span once,
// whichever of the route attributes it has, and a failure becomes a message fit to show.
vi.mock('server-only', () => ({}))

const READ_TOKEN = 'frontend-queries-read-token-5d1e'
const STORE_PORT = 4869
const nowMs = Date.now()
let store: TraceStore

type Attributes = Record<string, string | number>
const spans: { name: string; attributes: Attributes; durationMs: number; error?: boolean }[] = [
  // every route attribute: the route template wins
  { name: 'GET', attributes: { 'browser.page.route': '/a', 'url.template': '/a-template', 'browser.page.path': '/a/1', 'url.path': '/a/1' }, durationMs: 10 },
  { name: 'GET', attributes: { 'browser.page.route': '/a', 'browser.page.path': '/a/2' }, durationMs: 30, error: true },
  // the vitals entry's template without the routes entry
  { name: 'GET', attributes: { 'url.template': '/a', 'url.path': '/a/3' }, durationMs: 50 },
  // paths only
  { name: 'GET', attributes: { 'browser.page.path': '/p/1', 'url.path': '/p/1' }, durationMs: 70 },
  { name: 'GET', attributes: { 'url.path': '/u' }, durationMs: 90 },
  // none at all
  { name: 'GET', attributes: {}, durationMs: 110 },
]

async function postSpans(): Promise<void> {
  const nano = (ms: number) => String(BigInt(Math.round(ms)) * 1_000_000n)
  const body = {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((span, index) => ({
              traceId: `${String(index + 1).padStart(2, '0')}${'ab'.repeat(15)}`,
              spanId: `${String(index + 1).padStart(2, '0')}${'cd'.repeat(7)}`,
              name: span.name,
              kind: 3,
              startTimeUnixNano: nano(nowMs - 60_000 + index * 1000),
              endTimeUnixNano: nano(nowMs - 60_000 + index * 1000 + span.durationMs),
              attributes: Object.entries(span.attributes).map(([key, value]) => ({ key, value: { stringValue: String(value) } })),
              status: span.error ? { code: 2 } : {},
            })),
          },
        ],
      },
    ],
  }
  const response = await fetch(`${store.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  expect(response.status).toBe(200)
}

/** The module under test, reading its configuration from the environment as the dashboard does. */
async function frontendQueries(storeUrl: string) {
  vi.resetModules()
  for (const key of ['SPANLIGHT_TRACE_SOURCE', 'JAEGER_URL', 'TEMPO_URL', 'ROLLBAR_READ_TOKEN', 'SPANLIGHT_WRITE_TOKEN']) delete process.env[key]
  Object.assign(process.env, { SPANLIGHT_STORE_URL: storeUrl, SPANLIGHT_READ_TOKEN: READ_TOKEN })
  return import('./frontend-queries')
}

const window = { startSec: Math.floor(nowMs / 1000) - 3600, endSec: Math.floor(nowMs / 1000) + 1 }
const countSpec = {
  calculations: [{ op: 'COUNT' }, { op: 'P75', column: 'duration_ms' }],
  filters: [{ column: 'service.name', op: '=', value: 'web' }],
  breakdowns: ['error'],
  start_time: window.startSec,
  end_time: window.endSec,
  granularity: window.endSec - window.startSec,
}

beforeAll(async () => {
  store = await createTraceStore({ port: STORE_PORT, databaseFile: ':memory:', readToken: READ_TOKEN, log: () => {} })
  await postSpans()
  const { runQuery } = await frontendQueries(store.url)
  // the query index takes the spans after their commit: wait until it counts them all
  await vi.waitFor(
    async () => {
      const answer = await runQuery({ calculations: [{ op: 'COUNT' }], start_time: window.startSec, end_time: window.endSec })
      expect(answer.ok && answer.value.data.results[0]?.data.COUNT).toBe(spans.length)
    },
    { timeout: 15_000, interval: 100 },
  )
})
afterAll(() => store.close())

describe('runByRoute', () => {
  it('counts each span once, under the first route attribute it has, and the spans with none under no route', async () => {
    const { runByRoute } = await frontendQueries(store.url)
    const answer = await runByRoute(countSpec)
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    const rows = answer.value.map((group) => [group.routeKey, group.route, group.data.error ?? false, group.data.COUNT, group.data['P75(duration_ms)']])
    expect(rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      [
        ['browser.page.route', '/a', false, 1, 10],
        ['browser.page.route', '/a', true, 1, 30],
        ['url.template', '/a', false, 1, 50],
        ['browser.page.path', '/p/1', false, 1, 70],
        ['url.path', '/u', false, 1, 90],
        [null, null, false, 1, 110],
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    )
    expect(answer.value.reduce((sum, group) => sum + Number(group.data.COUNT), 0)).toBe(spans.length)
  })
})

describe('failures', () => {
  it("answers the store's refusal of a spec as its message", async () => {
    const { runQuery } = await frontendQueries(store.url)
    const answer = await runQuery({ calculations: [{ op: 'P75', column: 'name' }], start_time: window.startSec, end_time: window.endSec })
    expect(answer).toEqual({ ok: false, message: expect.stringContaining('calculations[0]') })
  })

  it('names the store, never its address, when it cannot be reached', async () => {
    const { runByRoute } = await frontendQueries('http://127.0.0.1:4879')
    const answer = await runByRoute(countSpec)
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.message).toContain('the trace store')
    expect(answer.message).not.toContain('127.0.0.1')
    expect(answer.message).not.toContain(READ_TOKEN)
  })
})
