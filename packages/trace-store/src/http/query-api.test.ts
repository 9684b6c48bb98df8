import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchPage } from '../query/trace-queries.js'
import type { TraceView } from '../query/trace-views.js'
import { makeRequest, makeSpan, newSpanId, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, postJson, readJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>
const MS = 1_000_000n
const BASE_NS = 1_718_000_000_000n * MS

function ns(offsetMs: number): string {
  return (BASE_NS + BigInt(offsetMs) * MS).toString()
}

/**
 * Trace "checkout" (web → api), sent in three batches, children first:
 *   web  click            0..300 ms (root)
 *   web    HTTP POST      10..290 ms
 *   api      POST /orders 20..280 ms (ERROR, app.tenant=acme)
 */
async function sendCheckoutTrace(store: Store, traceId: string, startOffsetMs = 0) {
  const rootId = newSpanId()
  const fetchId = newSpanId()
  const serverSpan = makeSpan({
    traceId,
    parentSpanId: fetchId,
    name: 'POST /orders',
    kind: 2,
    startTimeUnixNano: ns(startOffsetMs + 20),
    endTimeUnixNano: ns(startOffsetMs + 280),
    status: { code: 2, message: 'boom' },
    attributes: [
      { key: 'app.tenant', value: { stringValue: 'acme' } },
      { key: 'http.response.status_code', value: { intValue: '500' } },
    ],
  })
  const fetchSpan = makeSpan({
    traceId,
    spanId: fetchId,
    parentSpanId: rootId,
    name: 'HTTP POST',
    kind: 3,
    startTimeUnixNano: ns(startOffsetMs + 10),
    endTimeUnixNano: ns(startOffsetMs + 290),
  })
  const rootSpan = makeSpan({ traceId, spanId: rootId, name: 'click', startTimeUnixNano: ns(startOffsetMs), endTimeUnixNano: ns(startOffsetMs + 300) })
  for (const request of [makeRequest('api', [serverSpan]), makeRequest('web', [fetchSpan]), makeRequest('web', [rootSpan])]) {
    expect((await postJson(`${store.url}/v1/traces`, request)).status).toBe(200)
  }
}

async function sendQuickTrace(store: Store, traceId: string, startOffsetMs: number) {
  const span = makeSpan({ traceId, name: 'GET /health', kind: 2, startTimeUnixNano: ns(startOffsetMs), endTimeUnixNano: ns(startOffsetMs + 5) })
  expect((await postJson(`${store.url}/v1/traces`, makeRequest('api', [span]))).status).toBe(200)
}

async function search(store: Store, query: string) {
  return getJson<SearchPage & { error?: { code: string; message: string } }>(`${store.url}/api/traces?${query}`)
}

describe('query API', () => {
  let store: Store
  const checkoutTraceId = newTraceId()
  const quickTraceIds = [newTraceId(), newTraceId(), newTraceId()]

  beforeAll(async () => {
    store = await startTestStore()
    await sendCheckoutTrace(store, checkoutTraceId, 1000)
    for (const [index, traceId] of quickTraceIds.entries()) await sendQuickTrace(store, traceId, 2000 + index * 100)
  })
  afterAll(() => store.close())

  it('joins spans sent in several batches, by two services, children first, into one trace with its real root', async () => {
    const { body } = await getJson<TraceView>(`${store.url}/api/traces/${checkoutTraceId}`)
    expect(body.spans.map((span) => span.name)).toEqual(['click', 'HTTP POST', 'POST /orders'])
    expect(body.summary).toMatchObject({
      rootServiceName: 'web',
      rootSpanName: 'click',
      hasRoot: true,
      spanCount: 3,
      errorCount: 1,
      startTimeUnixNano: ns(1000),
      endTimeUnixNano: ns(1300),
      durationMs: 300,
    })
    expect(body.summary.services).toEqual([
      { name: 'api', spanCount: 1, errorCount: 1, clientErrorCount: 0 },
      { name: 'web', spanCount: 2, errorCount: 0, clientErrorCount: 0 },
    ])
  })

  it('stores a span sent twice once', async () => {
    const traceId = newTraceId()
    const span = makeSpan({ traceId })
    await postJson(`${store.url}/v1/traces`, makeRequest('dup', [span]))
    await postJson(`${store.url}/v1/traces`, makeRequest('dup', [span]))
    const { body } = await getJson<TraceView>(`${store.url}/api/traces/${traceId}`)
    expect(body.spans).toHaveLength(1)
    expect(body.summary.spanCount).toBe(1)
  })

  it('lists services and the operations of a service', async () => {
    const services = await getJson<{ services: string[] }>(`${store.url}/api/services`)
    expect(services.body.services).toEqual(expect.arrayContaining(['api', 'web']))
    const operations = await getJson<{ operations: unknown[] }>(`${store.url}/api/operations?service=api`)
    expect(operations.body.operations).toEqual([
      { name: 'GET /health', spanKind: 2 },
      { name: 'POST /orders', spanKind: 2 },
    ])
    expect((await getJson(`${store.url}/api/operations`)).status).toBe(400)
  })

  it('searches newest first and filters by service, span name, duration, errors and attribute', async () => {
    const newestFirst = await search(store, 'service=api')
    expect(newestFirst.body.traces.map((trace) => trace.traceId).slice(0, 4)).toEqual([...quickTraceIds].reverse().concat(checkoutTraceId))

    const byName = await search(store, 'name=POST%20%2Forders')
    expect(byName.body.traces.map((trace) => trace.traceId)).toEqual([checkoutTraceId])
    const byServiceAndName = await search(store, 'service=web&name=POST%20%2Forders')
    expect(byServiceAndName.body.traces).toEqual([])

    const slow = await search(store, 'minDurationMs=100')
    expect(slow.body.traces.map((trace) => trace.traceId)).toEqual([checkoutTraceId])
    const fast = await search(store, 'service=api&maxDurationMs=10')
    expect(fast.body.traces.map((trace) => trace.traceId)).toEqual([...quickTraceIds].reverse())

    const errors = await search(store, 'errorsOnly=true')
    expect(errors.body.traces.map((trace) => trace.traceId)).toEqual([checkoutTraceId])
    // the checkout trace's error is the api's: with a service, errorsOnly means that service had one
    const apiErrors = await search(store, 'service=api&errorsOnly=true')
    expect(apiErrors.body.traces.map((trace) => trace.traceId)).toEqual([checkoutTraceId])
    const webErrors = await search(store, 'service=web&errorsOnly=true')
    expect(webErrors.body.traces).toEqual([])

    const byAttribute = await search(store, 'attribute=app.tenant%3Dacme&attribute=http.response.status_code%3D500')
    expect(byAttribute.body.traces.map((trace) => trace.traceId)).toEqual([checkoutTraceId])
    const noMatch = await search(store, 'attribute=app.tenant%3Dother')
    expect(noMatch.body.traces).toEqual([])
    const byResourceAttribute = await search(store, 'attribute=service.name%3Dweb')
    expect(byResourceAttribute.body.traces.map((trace) => trace.traceId)).toEqual([checkoutTraceId])
  })

  it('filters by trace start time range in unix ms', async () => {
    const startMs = Number(BASE_NS / MS)
    const range = await search(store, `startFromMs=${startMs + 2050}&startToMs=${startMs + 2200}`)
    expect(range.body.traces.map((trace) => trace.traceId)).toEqual([quickTraceIds[2], quickTraceIds[1]])
  })

  it('pages with a cursor until every trace was seen once', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { body: SearchPage } = await search(store, `service=api&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.body.traces.map((trace) => trace.traceId))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual([...quickTraceIds].reverse().concat(checkoutTraceId))
  })

  it('answers bad search parameters with 400 naming each one', async () => {
    const response = await search(store, 'limit=0&minDurationMs=abc&colour=red')
    expect(response.status).toBe(400)
    expect(response.body.error!.code).toBe('bad_request')
    expect(response.body.error!.message).toContain('minDurationMs: must be a number')
    expect(response.body.error!.message).toContain('limit:')
    expect(response.body.error!.message).toContain('unknown parameter(s): colour')
    const badRange = await search(store, 'minDurationMs=10&maxDurationMs=5')
    expect(badRange.body.error!.message).toBe('minDurationMs: minDurationMs must not be greater than maxDurationMs')
    const badCursor = await search(store, 'cursor=nonsense')
    expect(badCursor.body.error!.message).toBe('cursor: not a cursor returned by this API')
    const badAttribute = await search(store, 'attribute=novalue')
    expect(badAttribute.body.error!.message).toBe("attribute: must be 'key=value'")
  })

  it('answers a malformed trace id with 400 and an unknown one with 404', async () => {
    const malformed = await getJson<{ error: { code: string } }>(`${store.url}/api/traces/xyz`)
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('invalid_trace_id')
    const unknown = await getJson<{ error: { message: string } }>(`${store.url}/api/traces/${'a'.repeat(32)}`)
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toBe(`trace ${'a'.repeat(32)} not found`)
  })

  it('serves a trace outline: ids, name, kind, times, status and service of every span, in start order', async () => {
    const traceId = newTraceId()
    const trickyName = 'GET /a,"attributes":{"x":1},"status":{"code":2} "quoted" \\ ünïcødé'
    const span = makeSpan({
      traceId,
      name: trickyName,
      kind: 3,
      startTimeUnixNano: ns(5000),
      endTimeUnixNano: ns(5250),
      status: { code: 2, message: ',"status":{"code":0}' },
      attributes: [{ key: 'note', value: { stringValue: ',"status":{"code":0},"serviceName":"fake"' } }],
      events: [{ timeUnixNano: ns(5001), name: 'exception', attributes: [] }],
    })
    const child = makeSpan({ traceId, parentSpanId: span.spanId, name: 'child', startTimeUnixNano: ns(5010), endTimeUnixNano: ns(5020) })
    expect((await postJson(`${store.url}/v1/traces`, makeRequest('web "quoted"', [child, span]))).status).toBe(200)

    const outline = await getJson<{ traceId: string; summary: { spanCount: number }; spans: Record<string, unknown>[] }>(
      `${store.url}/api/traces/${traceId}/outline`,
    )
    expect(outline.status).toBe(200)
    expect(outline.body.summary.spanCount).toBe(2)
    const full = (await getJson<TraceView>(`${store.url}/api/traces/${traceId}`)).body
    const notInOutline = [
      'traceId',
      'traceState',
      'flags',
      'attributes',
      'droppedAttributesCount',
      'events',
      'droppedEventsCount',
      'links',
      'droppedLinksCount',
      'resourceId',
      'scopeId',
    ]
    expect(outline.body.spans).toEqual(
      full.spans.map((fullSpan) => Object.fromEntries(Object.entries(fullSpan).filter(([key]) => !notInOutline.includes(key)))),
    )
    expect(outline.body.spans.map((outlineSpan) => outlineSpan.name)).toEqual([trickyName, 'child'])
    expect(outline.body.spans[0]).toMatchObject({ kind: 3, durationMs: 250, serviceName: 'web "quoted"', status: { code: 2, message: ',"status":{"code":0}' } })
    expect(outline.body.spans[0]).not.toHaveProperty('attributes')
    expect((await getJson(`${store.url}/api/traces/${newTraceId()}/outline`)).status).toBe(404)
  })

  it('serves one span with its resource and scope, exactly as in the whole trace, and says what is wrong with a bad request', async () => {
    const full = (await getJson<TraceView>(`${store.url}/api/traces/${checkoutTraceId}`)).body
    for (const span of full.spans) {
      const one = await getJson<{ traceId: string; resources: TraceView['resources']; scopes: TraceView['scopes']; span: TraceView['spans'][number] }>(
        `${store.url}/api/traces/${checkoutTraceId}/spans/${span.spanId.toUpperCase()}`,
      )
      expect(one.status).toBe(200)
      expect(one.body.span).toEqual(span)
      expect(one.body.resources).toEqual({ [span.resourceId]: full.resources[span.resourceId] })
      expect(one.body.scopes).toEqual({ [span.scopeId]: full.scopes[span.scopeId] })
    }
    const spanPath = (traceId: string, spanId: string) => `${store.url}/api/traces/${traceId}/spans/${spanId}`
    expect((await getJson<{ error: { code: string } }>(spanPath('xyz', full.spans[0]!.spanId))).body.error.code).toBe('invalid_trace_id')
    const badSpan = await getJson<{ error: { message: string } }>(spanPath(checkoutTraceId, '%E0%A4%A'))
    expect(badSpan.status).toBe(400)
    expect(badSpan.body.error.message).toBe('span id must be 16 hex digits, not all zero')
    const missing = await getJson<{ error: { message: string } }>(spanPath(checkoutTraceId, 'abcdefabcdefabcd'))
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe(`span abcdefabcdefabcd of trace ${checkoutTraceId} not found`)
    expect((await getJson(spanPath(newTraceId(), full.spans[0]!.spanId))).status).toBe(404)
  })

  it('downloads a trace as OTLP JSON that the store itself accepts again', async () => {
    const response = await fetch(`${store.url}/api/traces/${checkoutTraceId}/otlp`)
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="trace-${checkoutTraceId}.json"`)
    const otlp = await readJson<{ resourceSpans: unknown[] }>(response)
    expect(otlp.resourceSpans).toHaveLength(2)

    const copy = await startTestStore()
    try {
      expect((await postJson(`${copy.url}/v1/traces`, otlp)).status).toBe(200)
      const original = await getJson<TraceView>(`${store.url}/api/traces/${checkoutTraceId}`)
      const reimported = await getJson<TraceView>(`${copy.url}/api/traces/${checkoutTraceId}`)
      const strip = (trace: TraceView) => trace.spans.map(({ resourceId: _r, scopeId: _s, ...span }) => span)
      expect(strip(reimported.body)).toEqual(strip(original.body))
    } finally {
      await copy.close()
    }
  })

  it('answers an unknown path with 404 in the error envelope', async () => {
    const response = await getJson<{ error: { code: string } }>(`${store.url}/api/nothing-here`)
    expect(response.status).toBe(404)
    expect(response.body.error.code).toBe('not_found')
  })
})

describe('query API with a read token', () => {
  it('needs the bearer token for every query path', async () => {
    const store = await startTestStore({ readToken: 'reader' })
    try {
      expect((await fetch(`${store.url}/api/services`)).status).toBe(401)
      const allowed = await fetch(`${store.url}/api/services`, { headers: { authorization: 'Bearer reader' } })
      expect(allowed.status).toBe(200)
    } finally {
      await store.close()
    }
  })
})

describe('a store on disk', () => {
  it('keeps its traces across a restart', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'spanlight-store-'))
    const databaseFile = path.join(directory, 'store.db')
    // The fixture spans are from 2024: keep them regardless of age.
    const options = { databaseFile, retentionMaxAgeMs: 0 }
    const traceId = newTraceId()
    try {
      const first = await startTestStore(options)
      await sendCheckoutTrace(first, traceId)
      await first.close()

      const second = await startTestStore(options)
      const { status, body } = await getJson<TraceView>(`${second.url}/api/traces/${traceId}`)
      await second.close()
      expect(status).toBe(200)
      expect(body.summary.spanCount).toBe(3)
    } finally {
      rmSync(directory, { recursive: true, force: true })
    }
  })
})
