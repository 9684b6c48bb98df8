import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from '../../../server/testing/fixture-server'

// Upstream failures as the browser sees them: 502 when the source is down or answers nonsense, 504 when it is slow.
vi.mock('server-only', () => ({}))
const { startFixtureServer } = await import('../../../server/testing/fixture-server')
const TOKEN = 'failure-test-token-9b2e'
const TRACE_ID = '5b8efff798038103d269b633813fc60c'
let slow: FixtureServer

async function routesFor(env: Record<string, string>) {
  vi.resetModules()
  for (const key of ['SPANLIGHT_STORE_URL', 'SPANLIGHT_READ_TOKEN', 'SPANLIGHT_UPSTREAM_TIMEOUT_MS', 'JAEGER_URL', 'TEMPO_URL', 'ROLLBAR_READ_TOKEN'])
    delete process.env[key]
  Object.assign(process.env, env)
  return { traces: await import('../traces/route'), outline: await import('../traces/[traceId]/outline/route'), items: await import('../errors/items/route') }
}

beforeAll(async () => {
  slow = await startFixtureServer(4856, (url) => {
    if (url.pathname === '/slow/api/traces') return { body: { traces: [], nextCursor: null }, delayMs: 2_000 }
    if (url.pathname === '/odd/api/traces') return { body: { rows: 'not what the store sends' } }
    if (url.pathname === `/odd/api/traces/${TRACE_ID}/outline`)
      return { body: { traceId: TRACE_ID, summary: {}, spans: [{ spanId: 'c8d93156b47cd010', name: 'checkout' }] } }
    if (url.pathname === '/odd/api/1/items') return { status: 500, body: { err: 1, message: `internal failure` } }
    return undefined
  })
})
afterAll(() => slow.close())

describe('upstream failures', () => {
  it('answers 502 naming the trace store and what to do when it is not running', async () => {
    const { traces } = await routesFor({ SPANLIGHT_STORE_URL: 'http://127.0.0.1:4855', SPANLIGHT_READ_TOKEN: TOKEN })
    const response = await traces.GET(new Request('http://127.0.0.1:3300/api/traces'))
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(JSON.parse(text).error.message).toMatch(/^could not reach the trace store: is it running\?/)
    expect(text).not.toContain(TOKEN)
    expect(text).not.toContain('4855')
  })

  it('answers 504 when the store is slower than the timeout', async () => {
    const { traces } = await routesFor({ SPANLIGHT_STORE_URL: `${slow.url}/slow`, SPANLIGHT_UPSTREAM_TIMEOUT_MS: '200' })
    const response = await traces.GET(new Request('http://127.0.0.1:3300/api/traces'))
    expect(response.status).toBe(504)
    expect((await response.json()).error).toEqual({ code: 'upstream_timeout', message: 'the trace store did not answer within 0.2 s' })
  })

  it('answers 502 when the store sends a shape it does not understand, or fails', async () => {
    const { traces, items } = await routesFor({ SPANLIGHT_STORE_URL: `${slow.url}/odd` })
    const response = await traces.GET(new Request('http://127.0.0.1:3300/api/traces'))
    expect(response.status).toBe(502)
    expect((await response.json()).error.code).toBe('upstream_bad_response')
    const failed = await items.GET(new Request('http://127.0.0.1:3300/api/errors/items'))
    expect(failed.status).toBe(502)
    expect((await failed.json()).error.message).toBe("the trace store's Rollbar API answered HTTP 500: internal failure")
  })

  it('answers 502 naming the trace store when its trace outline lacks what a row draws', async () => {
    const { outline } = await routesFor({ SPANLIGHT_STORE_URL: `${slow.url}/odd`, SPANLIGHT_READ_TOKEN: TOKEN })
    const response = await outline.GET(new Request(`http://127.0.0.1:3300/api/traces/${TRACE_ID}/outline`), { params: Promise.resolve({ traceId: TRACE_ID }) })
    expect(response.status).toBe(502)
    const text = await response.text()
    expect(JSON.parse(text).error).toMatchObject({
      code: 'upstream_bad_response',
      message: 'the trace store sent a response the dashboard does not understand (at spans.0: startTimeUnixNano: expected a string)',
    })
    expect(text).not.toContain(TOKEN)
    expect(slow.requests.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('answers 500 naming the variable when the configuration is invalid', async () => {
    const { traces } = await routesFor({ SPANLIGHT_STORE_URL: 'not a url' })
    const response = await traces.GET(new Request('http://127.0.0.1:3300/api/traces'))
    expect(response.status).toBe(500)
    expect((await response.json()).error.message).toMatch(/SPANLIGHT_STORE_URL/)
  })
})
