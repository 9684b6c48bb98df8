import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from '../../../server/testing/fixture-server'
import { STORE_TRACE_ID as TRACE_ID, storeOutlineView, storeTraceView, twoStoreSpans } from '../../../server/testing/store-views'

// What the trace page's requests cost the store: the outline route asks only for the store's outline view; the whole
// trace is fetched once, when the side panel first asks, and the search is answered from it too.
vi.mock('server-only', () => ({}))
const { startFixtureServer } = await import('../../../server/testing/fixture-server')
const READ_TOKEN = 'page-requests-test-token-31ac'
let store: FixtureServer

beforeAll(async () => {
  store = await startFixtureServer(4863, (url) => {
    if (url.pathname === `/api/traces/${TRACE_ID}/outline`) return { body: storeOutlineView(twoStoreSpans()) }
    if (url.pathname === `/api/traces/${TRACE_ID}`) return { body: storeTraceView(twoStoreSpans({ attributes: [{ key: 'note', value: { stringValue: '<img src=x onerror=alert(1)>' } }] })) }
    return undefined
  })
  process.env.SPANLIGHT_STORE_URL = store.url
  process.env.SPANLIGHT_READ_TOKEN = READ_TOKEN
})
afterAll(() => store.close())

const params = <T,>(value: T) => ({ params: Promise.resolve(value) })
const requested = () => store.requests.map((request) => request.url.pathname)

describe('the trace page against the store', () => {
  it('paints from the outline view alone, and fetches the whole trace once for the side panel and the search', async () => {
    const outlineRoute = await import('../traces/[traceId]/outline/route')
    const spanRoute = await import('../traces/[traceId]/spans/[spanId]/route')
    const searchRoute = await import('../traces/[traceId]/search/route')

    const outline = await outlineRoute.GET(new Request('http://127.0.0.1:3300/'), params({ traceId: TRACE_ID }))
    expect(outline.status).toBe(200)
    expect(((await outline.json()) as { spans: { name: string }[] }).spans.map((span) => span.name)).toEqual(['checkout click', 'POST /api/checkout'])
    expect(requested()).toEqual([`/api/traces/${TRACE_ID}/outline`])

    const span = await spanRoute.GET(new Request('http://127.0.0.1:3300/'), params({ traceId: TRACE_ID, spanId: '9082d67808fc8870' }))
    expect(await span.json()).toMatchObject({ span: { name: 'POST /api/checkout', attributes: [{ key: 'note', value: '<img src=x onerror=alert(1)>' }] } })
    const search = await searchRoute.GET(new Request('http://127.0.0.1:3300/?q=onerror'), params({ traceId: TRACE_ID }))
    expect(await search.json()).toEqual({ spanIds: ['9082d67808fc8870'] })
    expect(requested()).toEqual([`/api/traces/${TRACE_ID}/outline`, `/api/traces/${TRACE_ID}`])
    expect(store.requests.every((request) => request.headers.authorization === `Bearer ${READ_TOKEN}`)).toBe(true)
  })
})
