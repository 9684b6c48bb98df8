import { createTraceStore, type TraceStore } from '@spanlight/trace-store'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'
import { STORE_TRACE_ID as TRACE_ID, storeOutlineView, storeSpanView, storeTraceView, twoStoreSpans } from './testing/store-views'

// The store adapter's trace loading: the first rows come from the store's outline view; the whole trace is fetched
// only when the model is first asked for.
vi.mock('server-only', () => ({}))
const { startFixtureServer } = await import('./testing/fixture-server')
const { StoreTraceSource } = await import('./store-trace-source')
const { traceOutline } = await import('../features/traces/model/trace-outline')
const GONE_TRACE_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
let server: FixtureServer
const goodSpans = twoStoreSpans()

beforeAll(async () => {
  server = await startFixtureServer(4858, (url) => {
    if (url.pathname === `/good/api/traces/${TRACE_ID}/outline`) return { body: storeOutlineView(goodSpans) }
    if (url.pathname === `/good/api/traces/${TRACE_ID}`) return { body: storeTraceView(goodSpans) }
    // in the outline, gone by the time the whole trace is asked for
    if (url.pathname === `/good/api/traces/${GONE_TRACE_ID}/outline`) return { body: storeOutlineView(goodSpans, GONE_TRACE_ID) }
    if (url.pathname === `/bad-attributes/api/traces/${TRACE_ID}/outline`) return { body: storeOutlineView(goodSpans) }
    if (url.pathname === `/bad-attributes/api/traces/${TRACE_ID}`) return { body: storeTraceView(twoStoreSpans({ attributes: 'oops' })) }
    if (url.pathname === `/bad-outline/api/traces/${TRACE_ID}/outline`) return { body: storeOutlineView(twoStoreSpans({ spanId: 42 })) }
    if (url.pathname === `/bad-attributes/api/traces/${TRACE_ID}/spans/9082d67808fc8870`)
      return { body: storeSpanView(twoStoreSpans({ attributes: 'oops' })[1]!) }
    return undefined
  })
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
})

const sourceAt = (path: string) =>
  new StoreTraceSource({ name: 'the trace store', baseUrl: `${server.url}/${path}`, headers: {}, timeoutMs: 2000, unreachableHint: '' })
const requestedPaths = () => server.requests.map((request) => request.url.pathname.replace(/^\/[^/]+\/api\/traces\//, ''))

describe('store trace source: loading a trace', () => {
  it("draws the outline from the store's outline view, without fetching the whole trace", async () => {
    const loaded = (await sourceAt('good').load(TRACE_ID))!
    const outline = loaded.outline()
    expect(outline).toMatchObject({ traceId: TRACE_ID, startTimeUnixNano: '1782036644636668000', durationMs: 300 })
    expect(outline.spans[1]).toEqual({
      spanId: '9082d67808fc8870',
      parentSpanId: 'c8d93156b47cd010',
      name: 'POST /api/checkout',
      kind: 'server',
      startOffsetMs: 10.0015,
      durationMs: 300,
      status: { code: 'error' },
      serviceName: 'web',
    })
    expect(requestedPaths()).toEqual([`${TRACE_ID}/outline`])
  })

  it('fetches the whole trace once, on first use of the model, with plain attribute values', async () => {
    const loaded = (await sourceAt('good').load(TRACE_ID))!
    const [model, again] = await Promise.all([loaded.model(), loaded.model()])
    expect(again).toBe(model)
    expect(await loaded.model()).toBe(model)
    expect(requestedPaths()).toEqual([`${TRACE_ID}/outline`, TRACE_ID])
    expect(model.spans[0]!.attributes).toEqual([{ key: 'http.route', value: '/checkout' }])
    expect(model.spans[1]!.status).toEqual({ code: 'error', message: 'boom' })
    expect(model.resources).toEqual({ 0: [{ key: 'service.name', value: 'web' }] })
  })

  it('serves the outline of a trace whose attributes are malformed, refuses its model naming the span, and asks again next time', async () => {
    const loaded = (await sourceAt('bad-attributes').load(TRACE_ID))!
    expect(loaded.outline().spans).toHaveLength(2)
    const refusal = {
      code: 'upstream_bad_response',
      message: 'the trace store sent a response the dashboard does not understand (at spans.1: attributes: expected a key/value list)',
    }
    await expect(loaded.model()).rejects.toMatchObject(refusal)
    await expect(loaded.model()).rejects.toMatchObject(refusal)
    expect(requestedPaths()).toEqual([`${TRACE_ID}/outline`, TRACE_ID, TRACE_ID])
  })

  it('refuses a single span that does not have the documented shape, saying where', async () => {
    await expect(sourceAt('bad-attributes').span(TRACE_ID, '9082d67808fc8870')).rejects.toMatchObject({
      code: 'upstream_bad_response',
      message: 'the trace store sent a response the dashboard does not understand (at span: attributes: expected a key/value list)',
    })
  })

  it('refuses an outline whose spans lack what a row draws, naming the span', async () => {
    await expect(sourceAt('bad-outline').load(TRACE_ID)).rejects.toMatchObject({
      code: 'upstream_bad_response',
      message: 'the trace store sent a response the dashboard does not understand (at spans.1: spanId: expected a string)',
    })
  })

  it('answers null for a trace the store does not have', async () => {
    expect(await sourceAt('good').load('0123456789abcdef0123456789abcdef')).toBeNull()
    expect(await sourceAt('good').trace('0123456789abcdef0123456789abcdef')).toBeNull()
  })

  it('reports a trace removed between its outline and its model as not found', async () => {
    const loaded = (await sourceAt('good').load(GONE_TRACE_ID))!
    await expect(loaded.model()).rejects.toMatchObject({ code: 'not_found', message: `trace ${GONE_TRACE_ID} was not found in the trace store` })
  })
})

describe('store trace source against a real store', () => {
  const STORE_PORT = 4862
  const READ_TOKEN = 'source-test-read-token-77d1'
  const START_NS = BigInt(Date.now() - 60_000) * 1_000_000n
  const CLIENT_ERROR_TRACE_ID = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1'
  let store: TraceStore
  const storeSource = (token: string) =>
    new StoreTraceSource({ name: 'the trace store', baseUrl: store.url, headers: { authorization: `Bearer ${token}` }, timeoutMs: 5000, unreachableHint: '' })
  // web: checkout click ── api: POST /api/checkout (error) ─┬─ api: SELECT carts
  //                                                        └─ (orphan) api: retry, its parent never arrived
  const otlpSpan = (service: string, spanId: string, parentSpanId: string, name: string, startMs: number, durationMs: number, extra: object = {}) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [
      {
        scope: { name: 'test', version: '2' },
        spans: [
          {
            traceId: TRACE_ID,
            spanId,
            ...(parentSpanId ? { parentSpanId } : {}),
            name,
            kind: 3,
            startTimeUnixNano: String(START_NS + BigInt(startMs * 1_000_000)),
            endTimeUnixNano: String(START_NS + BigInt((startMs + durationMs) * 1_000_000)),
            ...extra,
          },
        ],
      },
    ],
  })

  beforeAll(async () => {
    store = await createTraceStore({ port: STORE_PORT, databaseFile: ':memory:', readToken: READ_TOKEN, log: () => {} })
    const resourceSpans = [
      otlpSpan('api', '9082d67808fc8870', 'c8d93156b47cd010', 'POST /api/checkout', 10, 200, {
        status: { code: 2, message: 'boom' },
        attributes: [{ key: 'note', value: { stringValue: '<img src=x onerror=alert(1)>' } }],
      }),
      otlpSpan('web', 'c8d93156b47cd010', '', 'checkout click', 0, 300.5, { events: [{ timeUnixNano: String(START_NS), name: 'click', attributes: [] }] }),
      otlpSpan('api', '1111111111111111', '9082d67808fc8870', 'SELECT carts', 12.25, 3),
      otlpSpan('api', '2222222222222222', '3333333333333333', 'retry', 250, 80),
    ]
    const posted = await fetch(`${store.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans }),
    })
    expect(posted.status).toBe(200)
    // another trace whose only error is a form refused with 422
    const refused = otlpSpan('web', '4444444444444444', '', 'POST /api/items', 0, 20, {
      status: { code: 2 },
      attributes: [{ key: 'http.response.status_code', value: { intValue: '422' } }],
    })
    refused.scopeSpans[0]!.spans[0]!.traceId = CLIENT_ERROR_TRACE_ID
    const postedRefused = await fetch(`${store.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: [refused] }),
    })
    expect(postedRefused.status).toBe(200)
  })
  afterAll(() => store.close())

  it('asks the store for errors that are not HTTP 4xx answers, and carries which errors were', async () => {
    const source = storeSource(READ_TOKEN)
    const severe = await source.search({ errorsOnly: true, severeErrorsOnly: true, attributes: [], limit: 20 })
    expect(severe.traces.map((trace) => trace.traceId)).toEqual([TRACE_ID])
    const any = await source.search({ errorsOnly: true, attributes: [], limit: 20 })
    expect(any.traces.map((trace) => [trace.traceId, trace.errorCount, trace.clientErrorCount]).sort()).toEqual(
      [
        [TRACE_ID, 1, 0],
        [CLIENT_ERROR_TRACE_ID, 1, 1],
      ].sort(),
    )
  })

  it('draws from the outline view exactly the outline the whole trace gives', async () => {
    const loaded = (await storeSource(READ_TOKEN).load(TRACE_ID))!
    const outline = loaded.outline()
    expect(outline.spans.map((span) => span.name)).toEqual(['checkout click', 'POST /api/checkout', 'SELECT carts', 'retry'])
    const model = await loaded.model()
    expect(model.spans[1]!.attributes).toEqual([{ key: 'note', value: '<img src=x onerror=alert(1)>' }])
    expect(outline).toEqual(traceOutline(model))
  })

  it("gives each span from the store's single-span view exactly as the whole trace's model has it, with its resource", async () => {
    const source = storeSource(READ_TOKEN)
    const model = (await source.trace(TRACE_ID))!
    for (const span of model.spans) {
      expect(await source.span(TRACE_ID, span.spanId)).toEqual({ span, resource: model.resources[span.resourceId] })
    }
    expect(await source.span(TRACE_ID, 'abcdefabcdefabcd')).toBeNull()
    expect(await source.span('0123456789abcdef0123456789abcdef', '9082d67808fc8870')).toBeNull()
  })

  it('sends the read token, and says the store refused it without repeating it', async () => {
    const refused = storeSource('not-the-token').load(TRACE_ID)
    await expect(refused).rejects.toMatchObject({
      code: 'upstream_error',
      message: "the trace store refused the dashboard's credentials (HTTP 401); check the configured read token",
    })
  })

  it('answers null for a trace the store does not have', async () => {
    expect(await storeSource(READ_TOKEN).load('0123456789abcdef0123456789abcdef')).toBeNull()
  })
})
