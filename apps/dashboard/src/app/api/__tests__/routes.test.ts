import { createTraceStore, type TraceStore } from '@spanlight/trace-store'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

// The route handlers called directly, against a real embedded store on a test port, with a read token.
vi.mock('server-only', () => ({}))
const STORE_PORT = 4851
const READ_TOKEN = 'route-test-read-token-4f1c'
process.env.SPANLIGHT_STORE_URL = `http://127.0.0.1:${STORE_PORT}`
process.env.SPANLIGHT_READ_TOKEN = READ_TOKEN

const TRACE_ID = '5b8efff798038103d269b633813fc60c'
const START_NS = BigInt(Date.now() - 60_000) * 1_000_000n
let store: TraceStore
const seen: string[] = []

const tracesRoute = await import('../traces/route')
const traceRoute = await import('../traces/[traceId]/route')
const otlpRoute = await import('../traces/[traceId]/otlp/route')
const outlineRoute = await import('../traces/[traceId]/outline/route')
const spanRoute = await import('../traces/[traceId]/spans/[spanId]/route')
const searchWithinRoute = await import('../traces/[traceId]/search/route')
const traceErrorsRoute = await import('../traces/[traceId]/errors/route')
const servicesRoute = await import('../services/route')
const operationsRoute = await import('../operations/route')
const itemsRoute = await import('../errors/items/route')
const itemRoute = await import('../errors/items/[itemId]/route')
const occurrencesRoute = await import('../errors/items/[itemId]/occurrences/route')
const configRoute = await import('../config/route')

function request(path: string): Request {
  return new Request(`http://127.0.0.1:3300${path}`)
}
async function body(response: Response): Promise<unknown> {
  const text = await response.text()
  seen.push(text)
  return JSON.parse(text)
}
const params = <T>(value: T) => ({ params: Promise.resolve(value) })

function span(
  service: string,
  spanId: string,
  parentSpanId: string,
  name: string,
  startMs: number,
  durationMs: number,
  error = false,
  attributes: object[] = [],
) {
  return {
    resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
    scopeSpans: [
      {
        scope: { name: 'test' },
        spans: [
          {
            traceId: TRACE_ID,
            spanId,
            ...(parentSpanId ? { parentSpanId } : {}),
            name,
            kind: 2,
            startTimeUnixNano: String(START_NS + BigInt(startMs * 1_000_000)),
            endTimeUnixNano: String(START_NS + BigInt((startMs + durationMs) * 1_000_000)),
            attributes,
            status: error ? { code: 2, message: 'boom' } : {},
          },
        ],
      },
    ],
  }
}

beforeAll(async () => {
  store = await createTraceStore({ port: STORE_PORT, databaseFile: ':memory:', readToken: READ_TOKEN, log: () => {} })
  const resourceSpans = [
    span('web', 'c8d93156b47cd010', '', 'checkout click', 0, 300),
    span('api', '9082d67808fc8870', 'c8d93156b47cd010', 'POST /api/checkout', 10, 200, true, [
      { key: 'note', value: { stringValue: '<img src=x onerror=alert(1)>' } },
    ]),
  ]
  const posted = await fetch(`${store.url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans }),
  })
  expect(posted.status).toBe(200)
  const item = await fetch(`${store.url}/api/1/item/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rollbar-access-token': 'post-token' },
    body: JSON.stringify({
      data: {
        environment: 'test',
        level: 'error',
        body: { trace: { exception: { class: 'TypeError', message: 'cart is undefined' }, frames: [] } },
        custom: { trace_id: TRACE_ID, span_id: '9082d67808fc8870' },
      },
    }),
  })
  expect(item.status).toBe(200)
})
afterAll(() => store.close())

describe('trace routes', () => {
  it('finds the trace by service and errors, with both services counted', async () => {
    const response = await tracesRoute.GET(request('/api/traces?service=api&errorsOnly=true'))
    expect(response.status).toBe(200)
    const page = (await body(response)) as { traces: { traceId: string; errorCount: number; services: { name: string }[] }[] }
    expect(page.traces.map((trace) => trace.traceId)).toEqual([TRACE_ID])
    expect(page.traces[0]!.errorCount).toBe(1)
    expect(page.traces[0]!.services.map((service) => service.name).sort()).toEqual(['api', 'web'])
  })

  it('answers 400 with the reason before contacting the store', async () => {
    const response = await tracesRoute.GET(request('/api/traces?minDurationMs=fast'))
    expect(response.status).toBe(400)
    expect(await body(response)).toEqual({ error: { code: 'bad_request', message: 'minDurationMs: must be a number of milliseconds' } })
  })

  it('returns the normalised trace, its markup attribute untouched as data', async () => {
    const response = await traceRoute.GET(request(`/api/traces/${TRACE_ID}`), params({ traceId: TRACE_ID.toUpperCase() }))
    expect(response.status).toBe(200)
    const trace = (await body(response)) as {
      spans: { name: string; serviceName: string; kind: string; status: { code: string }; attributes: { key: string; value: unknown }[] }[]
    }
    expect(trace.spans.map((item) => [item.serviceName, item.name, item.kind, item.status.code])).toEqual([
      ['web', 'checkout click', 'server', 'unset'],
      ['api', 'POST /api/checkout', 'server', 'error'],
    ])
    expect(trace.spans[1]!.attributes).toEqual([{ key: 'note', value: '<img src=x onerror=alert(1)>' }])
    // exactly the model's fields: the store's own extras (scopeId, flags, dropped counts…) are not passed on
    expect(Object.keys(trace.spans[1]!).sort()).toEqual([
      'attributes',
      'durationMs',
      'endTimeUnixNano',
      'events',
      'kind',
      'links',
      'name',
      'parentSpanId',
      'resourceId',
      'scope',
      'serviceName',
      'spanId',
      'startTimeUnixNano',
      'status',
    ])
  })

  it('serves the outline: the rows without attributes, in the same order as the whole trace', async () => {
    const response = await outlineRoute.GET(request('/'), params({ traceId: TRACE_ID }))
    expect(response.status).toBe(200)
    const outline = (await body(response)) as { spans: Record<string, unknown>[] }
    expect(outline.spans.map((item) => item.name)).toEqual(['checkout click', 'POST /api/checkout'])
    expect(Object.keys(outline.spans[1]!).sort()).toEqual(['durationMs', 'kind', 'name', 'parentSpanId', 'serviceName', 'spanId', 'startOffsetMs', 'status'])
    expect(outline.spans.map((item) => item.startOffsetMs)).toEqual([0, 10])
    expect((await outlineRoute.GET(request('/'), params({ traceId: 'f'.repeat(31) }))).status).toBe(400)
  })

  it('serves one span in full with its resource, for the side panel', async () => {
    const response = await spanRoute.GET(request('/'), params({ traceId: TRACE_ID, spanId: '9082D67808FC8870' }))
    expect(response.status).toBe(200)
    const result = (await body(response)) as {
      span: { name: string; events: unknown[]; status: { message: string } }
      resource: { key: string; value: unknown }[]
    }
    expect(result.span).toMatchObject({ name: 'POST /api/checkout', status: { message: 'boom' } })
    expect(result.resource).toEqual([{ key: 'service.name', value: 'api' }])
    expect((await spanRoute.GET(request('/'), params({ traceId: TRACE_ID, spanId: 'ffffffffffffffff' }))).status).toBe(404)
    expect((await spanRoute.GET(request('/'), params({ traceId: TRACE_ID, spanId: 'nope' }))).status).toBe(400)
  })

  it('searches within the trace on the server, attribute values included', async () => {
    const search = async (q: string) =>
      ((await body(await searchWithinRoute.GET(request(`/?q=${encodeURIComponent(q)}`), params({ traceId: TRACE_ID })))) as { spanIds: string[] }).spanIds
    expect(await search('onerror')).toEqual(['9082d67808fc8870'])
    expect(await search('checkout')).toEqual(['c8d93156b47cd010', '9082d67808fc8870'])
    expect(await search('')).toEqual([])
    expect((await searchWithinRoute.GET(request(`/?q=${'x'.repeat(201)}`), params({ traceId: TRACE_ID }))).status).toBe(400)
  })

  it('answers 404 naming the source for an unknown trace and 400 for a malformed id', async () => {
    const missing = await traceRoute.GET(request('/'), params({ traceId: '0123456789abcdef0123456789abcdef' }))
    expect(missing.status).toBe(404)
    expect(await body(missing)).toEqual({ error: { code: 'not_found', message: 'trace 0123456789abcdef0123456789abcdef was not found in the trace store' } })
    const malformed = await traceRoute.GET(request('/'), params({ traceId: 'not-a-trace' }))
    expect(malformed.status).toBe(400)
  })

  it('serves the OTLP JSON download as an attachment', async () => {
    const response = await otlpRoute.GET(request('/'), params({ traceId: TRACE_ID }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="trace-${TRACE_ID}.otlp.json"`)
    const document = (await body(response)) as { resourceSpans: unknown[] }
    expect(document.resourceSpans).toHaveLength(2)
  })

  it('lists services and operations, and requires the service for operations', async () => {
    expect(await body(await servicesRoute.GET())).toEqual({ services: ['api', 'web'] })
    expect(await body(await operationsRoute.GET(request('/api/operations?service=api')))).toEqual({
      operations: [{ name: 'POST /api/checkout', spanKind: 'server' }],
    })
    expect((await operationsRoute.GET(request('/api/operations'))).status).toBe(400)
  })

  it('finds the Rollbar item that carries the trace id, with its span', async () => {
    const startMs = Number(START_NS / 1_000_000n)
    const response = await traceErrorsRoute.GET(request(`/api/traces/${TRACE_ID}/errors?startMs=${startMs}`), params({ traceId: TRACE_ID }))
    const result = (await body(response)) as { items: { title: string; spanId: string }[] }
    expect(result.items).toMatchObject([{ title: 'TypeError: cart is undefined', spanId: '9082d67808fc8870' }])
    expect((await traceErrorsRoute.GET(request(`/api/traces/${TRACE_ID}/errors?startMs=soon`), params({ traceId: TRACE_ID }))).status).toBe(400)
  })
})

describe('Rollbar routes (store default)', () => {
  it('lists, filters and opens items and their occurrences', async () => {
    const list = (await body(await itemsRoute.GET(request('/api/errors/items?level=error&status=active')))) as {
      items: { id: number; title: string }[]
      totalCount: number
    }
    expect(list.totalCount).toBe(1)
    const itemId = list.items[0]!.id
    expect(((await body(await itemsRoute.GET(request('/api/errors/items?level=info')))) as { items: unknown[] }).items).toEqual([])
    expect(await body(await itemRoute.GET(request('/'), params({ itemId: String(itemId) })))).toMatchObject({ id: itemId, level: 'error', environment: 'test' })
    const occurrences = (await body(await occurrencesRoute.GET(request('/?page=1'), params({ itemId: String(itemId) })))) as {
      occurrences: { traceId: string }[]
    }
    expect(occurrences.occurrences.map((occurrence) => occurrence.traceId)).toEqual([TRACE_ID])
  })

  it('validates filters and ids, and answers 404 for an unknown item', async () => {
    expect(await body(await itemsRoute.GET(request('/api/errors/items?status=sleeping')))).toEqual({
      error: { code: 'bad_request', message: 'status: must be one of active, resolved, muted, archived' },
    })
    expect((await itemRoute.GET(request('/'), params({ itemId: 'abc' }))).status).toBe(400)
    expect((await itemRoute.GET(request('/'), params({ itemId: '999' }))).status).toBe(404)
    expect((await occurrencesRoute.GET(request('/?page=zero'), params({ itemId: '1' }))).status).toBe(400)
  })
})

describe('secrets', () => {
  it('names the sources without URLs', async () => {
    expect(await body(await configRoute.GET())).toEqual({ traceSource: 'the trace store', rollbarSource: "the trace store's Rollbar API" })
  })

  it('never puts the read token or the store URL in a response', () => {
    expect(seen.length).toBeGreaterThan(10)
    for (const text of seen) {
      expect(text).not.toContain(READ_TOKEN)
      expect(text).not.toContain(`127.0.0.1:${STORE_PORT}`)
    }
  })
})
