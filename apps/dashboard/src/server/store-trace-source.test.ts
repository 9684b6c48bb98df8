import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from './testing/fixture-server'

// The store adapter's trace loading: the outline is ready before the rest of each span is checked and normalised.
vi.mock('server-only', () => ({}))
const { startFixtureServer } = await import('./testing/fixture-server')
const { StoreTraceSource } = await import('./store-trace-source')
const TRACE_ID = '5b8efff798038103d269b633813fc60c'
let server: FixtureServer

// a trace in the store's query API shape (packages/trace-store/src/query/trace-views.ts)
const makeStoreSpan = (overrides: Record<string, unknown>) => ({
  traceId: TRACE_ID,
  spanId: 'c8d93156b47cd010',
  parentSpanId: null,
  traceState: '',
  flags: 1,
  name: 'checkout click',
  kind: 2,
  startTimeUnixNano: '1782036644636668000',
  endTimeUnixNano: '1782036644936668000',
  durationMs: 300,
  status: { code: 0, message: '' },
  serviceName: 'web',
  resourceId: 0,
  scopeId: 0,
  attributes: [{ key: 'http.route', value: { stringValue: '/checkout' } }],
  droppedAttributesCount: 0,
  events: [],
  droppedEventsCount: 0,
  links: [],
  droppedLinksCount: 0,
  ...overrides,
})
const view = (spans: unknown[]) => ({ traceId: TRACE_ID, summary: {}, resources: { 0: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }], droppedAttributesCount: 0 } }, scopes: { 0: { name: 'test', version: '1', attributes: [] } }, spans })
const child = { spanId: '9082d67808fc8870', parentSpanId: 'c8d93156b47cd010', name: 'POST /api/checkout', startTimeUnixNano: '1782036644646669500', status: { code: 2, message: 'boom' } }

beforeAll(async () => {
  server = await startFixtureServer(4858, (url) => {
    if (url.pathname === `/good/api/traces/${TRACE_ID}`) return { body: view([makeStoreSpan({}), makeStoreSpan(child)]) }
    if (url.pathname === `/bad-attributes/api/traces/${TRACE_ID}`) return { body: view([makeStoreSpan({}), makeStoreSpan({ ...child, attributes: 'oops' })]) }
    if (url.pathname === `/bad-outline/api/traces/${TRACE_ID}`) return { body: view([makeStoreSpan({}), makeStoreSpan({ ...child, spanId: 42 })]) }
    return undefined
  })
})
afterAll(() => server.close())

const sourceAt = (path: string) => new StoreTraceSource({ name: 'the trace store', baseUrl: `${server.url}/${path}`, headers: {}, timeoutMs: 2000, unreachableHint: '' })

describe('store trace source: loading a trace', () => {
  it('draws the outline from the store spans: enum names, offsets from the trace start, no attributes', async () => {
    const loaded = (await sourceAt('good').load(TRACE_ID))!
    const outline = loaded.outline()
    expect(outline).toMatchObject({ traceId: TRACE_ID, startTimeUnixNano: '1782036644636668000', durationMs: 300 })
    expect(outline.spans[1]).toEqual({ spanId: '9082d67808fc8870', parentSpanId: 'c8d93156b47cd010', name: 'POST /api/checkout', kind: 'server', startOffsetMs: 10.0015, durationMs: 300, status: { code: 'error' }, serviceName: 'web' })
  })

  it('builds the whole model once, on first use, with plain attribute values', async () => {
    const loaded = (await sourceAt('good').load(TRACE_ID))!
    const model = loaded.model()
    expect(loaded.model()).toBe(model)
    expect(model.spans[0]!.attributes).toEqual([{ key: 'http.route', value: '/checkout' }])
    expect(model.spans[1]!.status).toEqual({ code: 'error', message: 'boom' })
    expect(model.resources).toEqual({ 0: [{ key: 'service.name', value: 'web' }] })
  })

  it('serves the outline of a trace whose attributes are malformed, but refuses its model naming the span', async () => {
    const loaded = (await sourceAt('bad-attributes').load(TRACE_ID))!
    expect(loaded.outline().spans).toHaveLength(2)
    expect(() => loaded.model()).toThrow(expect.objectContaining({ code: 'upstream_bad_response', message: 'the trace store sent a response the dashboard does not understand (at spans.1: attributes: expected a key/value list)' }))
  })

  it('refuses a trace whose spans lack what a row draws', async () => {
    await expect(sourceAt('bad-outline').load(TRACE_ID)).rejects.toMatchObject({ code: 'upstream_bad_response', message: 'the trace store sent a response the dashboard does not understand (at spans.1: spanId: expected a string)' })
  })

  it('answers null for a trace the store does not have', async () => {
    expect(await sourceAt('good').load('0123456789abcdef0123456789abcdef')).toBeNull()
  })
})
