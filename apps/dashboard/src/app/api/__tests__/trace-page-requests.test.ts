import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from '../../../server/testing/fixture-server'
import { STORE_TRACE_ID as TRACE_ID, storeOutlineView, storeSpanView, storeTraceView, twoStoreSpans } from '../../../server/testing/store-views'

// What the trace page's requests cost the store: the outline route asks only for the store's outline view, the side
// panel only for the selected span's view; the whole trace is fetched once, when a search within the trace needs it.
vi.mock('server-only', () => ({}))
const { startFixtureServer } = await import('../../../server/testing/fixture-server')
const READ_TOKEN = 'page-requests-test-token-31ac'
let store: FixtureServer

beforeAll(async () => {
  store = await startFixtureServer(4863, (url) => {
    if (url.pathname === `/api/traces/${TRACE_ID}/outline`) return { body: storeOutlineView(twoStoreSpans()) }
    const spans = twoStoreSpans({ attributes: [{ key: 'note', value: { stringValue: '<img src=x onerror=alert(1)>' } }] })
    if (url.pathname === `/api/traces/${TRACE_ID}`) return { body: storeTraceView(spans) }
    if (url.pathname === `/api/traces/${TRACE_ID}/spans/${spans[1]!.spanId}`) return { body: storeSpanView(spans[1]!) }
    return undefined
  })
  process.env.SPANLIGHT_STORE_URL = store.url
  process.env.SPANLIGHT_READ_TOKEN = READ_TOKEN
})
afterAll(() => store.close())

const params = <T>(value: T) => ({ params: Promise.resolve(value) })
const requested = () => store.requests.map((request) => request.url.pathname)

describe('the trace page against the store', () => {
  it('paints from the outline view, shows a span from its own view, and fetches the whole trace once, for the search', async () => {
    const outlineRoute = await import('../traces/[traceId]/outline/route')
    const spanRoute = await import('../traces/[traceId]/spans/[spanId]/route')
    const searchRoute = await import('../traces/[traceId]/search/route')
    const traceRoute = await import('../traces/[traceId]/route')

    const outline = await outlineRoute.GET(new Request('http://127.0.0.1:3300/'), params({ traceId: TRACE_ID }))
    expect(outline.status).toBe(200)
    expect(((await outline.json()) as { spans: { name: string }[] }).spans.map((span) => span.name)).toEqual(['checkout click', 'POST /api/checkout'])
    expect(requested()).toEqual([`/api/traces/${TRACE_ID}/outline`])

    const span = await spanRoute.GET(new Request('http://127.0.0.1:3300/'), params({ traceId: TRACE_ID, spanId: '9082D67808FC8870' }))
    const shown = (await span.json()) as { span: { spanId: string } }
    expect(shown).toEqual({
      span: {
        spanId: '9082d67808fc8870',
        parentSpanId: 'c8d93156b47cd010',
        name: 'POST /api/checkout',
        kind: 'server',
        startTimeUnixNano: '1782036644646669500',
        endTimeUnixNano: '1782036644936668000',
        durationMs: 300,
        status: { code: 'error', message: 'boom' },
        serviceName: 'web',
        resourceId: '0',
        scope: { name: 'test', version: '1' },
        attributes: [{ key: 'note', value: '<img src=x onerror=alert(1)>' }],
        events: [],
        links: [],
      },
      resource: [{ key: 'service.name', value: 'web' }],
    })
    expect(requested()).toEqual([`/api/traces/${TRACE_ID}/outline`, `/api/traces/${TRACE_ID}/spans/9082d67808fc8870`])
    const missing = await spanRoute.GET(new Request('http://127.0.0.1:3300/'), params({ traceId: TRACE_ID, spanId: 'abcdefabcdefabcd' }))
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe(`span abcdefabcdefabcd is not in trace ${TRACE_ID}`)
    const search = await searchRoute.GET(new Request('http://127.0.0.1:3300/?q=onerror'), params({ traceId: TRACE_ID }))
    expect(await search.json()).toEqual({ spanIds: ['9082d67808fc8870'] })
    // the span's own view gives what the whole trace's model has for it
    const whole = (await (await traceRoute.GET(new Request('http://127.0.0.1:3300/'), params({ traceId: TRACE_ID }))).json()) as { spans: { spanId: string }[] }
    expect(whole.spans.find((candidate) => candidate.spanId === shown.span.spanId)).toEqual(shown.span)
    expect(requested()).toEqual([
      `/api/traces/${TRACE_ID}/outline`,
      `/api/traces/${TRACE_ID}/spans/9082d67808fc8870`,
      `/api/traces/${TRACE_ID}/spans/abcdefabcdefabcd`,
      `/api/traces/${TRACE_ID}`,
    ])
    expect(store.requests.every((request) => request.headers.authorization === `Bearer ${READ_TOKEN}`)).toBe(true)
  })
})
