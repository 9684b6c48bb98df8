import { createTraceStore, type TraceStore, type TraceView } from '@spanlight/trace-store'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { FixtureServer } from '../testing/fixture-server'

// The OTLP download of each source kind, re-imported into a real store (POST /v1/traces): the store must then hold
// every value the source had — doubles as doubles (1e300, NaN, ±Infinity), ints as ints, bytes, lists, maps,
// flags, traceState, dropped counts, events, links, status, resource, scope and schemaUrl.
vi.mock('server-only', () => ({}))
const { fixture, fixtureText, startFixtureServer } = await import('../testing/fixture-server')
const { JaegerTraceSource } = await import('../jaeger-trace-source')
const { TempoTraceSource } = await import('../tempo-trace-source')
const { StoreTraceSource } = await import('../store-trace-source')
const { canonicalOtlp } = await import('./canonical-otlp')

const JAEGER_TRACE_ID = '7c1d0e2f3a4b5c6d7e8f901a2b3c4d5e'
const JAEGER_OMITTED_TRACE_ID = '3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b'
const TEMPO_TRACE_ID = '0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a'
let server: FixtureServer
const stores: TraceStore[] = []

beforeAll(async () => {
  server = await startFixtureServer(4881, (url) => {
    if (url.pathname === `/jaeger/api/v3/traces/${JAEGER_TRACE_ID}`) return { text: fixtureText('jaeger-v3-trace-every-value-type.json') }
    if (url.pathname === `/jaeger/api/v3/traces/${JAEGER_OMITTED_TRACE_ID}`) return { text: fixtureText('jaeger-v3-trace-omitted-defaults.json') }
    if (url.pathname === `/tempo/api/v2/traces/${TEMPO_TRACE_ID}`) return { text: fixtureText('tempo-v2-trace-omitted-defaults-int64-numbers.json') }
    return undefined
  })
})
afterAll(async () => {
  await server.close()
  await Promise.all(stores.map((store) => store.close()))
})

const upstream = (name: string, baseUrl: string) => ({ name, baseUrl, headers: {}, timeoutMs: 2000, unreachableHint: '' })

async function freshStore(): Promise<TraceStore> {
  const store = await createTraceStore({ port: 0, databaseFile: ':memory:', log: () => {} })
  stores.push(store)
  return store
}

/** Posts an OTLP JSON document to a store as its text (the download's bytes) and reads the trace back. */
async function reimport(document: unknown, traceId: string): Promise<{ status: number; view: TraceView }> {
  const store = await freshStore()
  const posted = await fetch(`${store.url}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(document) })
  expect(await posted.json()).toEqual({})
  const read = await fetch(`${store.url}/api/traces/${traceId}`)
  return { status: posted.status, view: (await read.json()) as TraceView }
}

type Json = Record<string, unknown>
const spanById = (view: TraceView, spanId: string) => view.spans.find((span) => span.spanId === spanId)!
const attribute = (list: { key: string; value: unknown }[], key: string) => list.find((entry) => entry.key === key)?.value

describe('OTLP download of a Jaeger trace, re-imported into the store', () => {
  it('keeps every value of every type, flags, traceState, dropped counts, events, links, resource, scope and schemaUrl', async () => {
    const source = new JaegerTraceSource(upstream('Jaeger', `${server.url}/jaeger`))
    const download = await source.otlp(JAEGER_TRACE_ID)
    const { view } = await reimport(download, JAEGER_TRACE_ID)

    // the original, as Jaeger sent it, against the store's copy of the download: every field of every span
    const original = fixture('jaeger-v3-trace-every-value-type.json') as { result: { resourceSpans: Json[] } }
    const resourceSpans = original.result.resourceSpans[0] as {
      resource: Json
      scopeSpans: { scope: Json; spans: Json[]; schemaUrl: string }[]
      schemaUrl: string
    }
    for (const sent of resourceSpans.scopeSpans[0]!.spans) {
      const stored = spanById(view, sent.spanId as string)
      for (const field of [
        'traceState',
        'flags',
        'name',
        'kind',
        'startTimeUnixNano',
        'endTimeUnixNano',
        'droppedAttributesCount',
        'droppedEventsCount',
        'droppedLinksCount',
      ]) {
        if (sent[field] !== undefined) expect([field, stored[field as keyof typeof stored]]).toEqual([field, sent[field]])
      }
      expect(stored.parentSpanId).toBe((sent.parentSpanId as string | undefined) ?? null)
      expect(stored.status).toEqual({ code: (sent.status as Json).code ?? 0, message: (sent.status as Json).message ?? '' })
      // -0 is the one value the store cannot keep (it stores JSON numbers, and JSON.stringify(-0) is "0"): checked in the download
      const sentAttributes = (sent.attributes as { key: string; value: Json }[]).map((entry) =>
        entry.key === 'ratio.negative_zero' ? { key: entry.key, value: { doubleValue: 0 } } : entry,
      )
      expect(stored.attributes).toEqual(sentAttributes)
      expect(stored.events).toEqual(sent.events ?? [])
      expect(stored.links).toEqual(sent.links ?? [])
    }
    const stored = spanById(view, 'a1b2c3d4e5f60718')
    expect(attribute(stored.attributes, 'ratio.huge')).toEqual({ doubleValue: 1e300 })
    expect(attribute(stored.attributes, 'ratio.whole')).toEqual({ doubleValue: 2 })
    expect(attribute(stored.attributes, 'ratio.nan')).toEqual({ doubleValue: 'NaN' })
    expect(attribute(stored.attributes, 'count.max')).toEqual({ intValue: '9223372036854775807' })
    expect(attribute(stored.attributes, 'payload')).toEqual({ bytesValue: '3q2+7w==' })
    expect(Object.values(view.resources)[0]).toEqual({ ...resourceSpans.resource, schemaUrl: resourceSpans.schemaUrl })
    expect(Object.values(view.scopes)[0]).toEqual({ ...resourceSpans.scopeSpans[0]!.scope, schemaUrl: resourceSpans.scopeSpans[0]!.schemaUrl })
  })

  it('spells -0 and the doubles JSON numbers cannot hold as proto3 JSON strings, and keeps whole doubles as doubles', async () => {
    const source = new JaegerTraceSource(upstream('Jaeger', `${server.url}/jaeger`))
    const text = JSON.stringify(await source.otlp(JAEGER_TRACE_ID))
    expect(text).toContain('{"key":"ratio.negative_zero","value":{"doubleValue":"-0"}}')
    expect(text).toContain('{"key":"ratio.huge","value":{"doubleValue":1e+300}}')
    expect(text).toContain('{"key":"ratio.whole","value":{"doubleValue":2}}')
    expect(text).toContain('{"key":"ratio.infinite","value":{"doubleValue":"Infinity"}}')
    expect(text).toContain('{"key":"ratio.tiny","value":{"doubleValue":5e-324}}')
  })

  it('downloads a trace whose gateway left out zero values as valid OTLP with the zeros written out', async () => {
    const source = new JaegerTraceSource(upstream('Jaeger', `${server.url}/jaeger`))
    const { view } = await reimport(await source.otlp(JAEGER_OMITTED_TRACE_ID), JAEGER_OMITTED_TRACE_ID)
    expect(view.spans.map((span) => [span.spanId, span.startTimeUnixNano, span.endTimeUnixNano, span.kind, span.status.code]).sort()).toEqual([
      ['1111111111111111', '1782036800000000000', '1782036800050000000', 1, 0],
      ['2222222222222222', '0', '0', 1, 0],
      ['3333333333333333', '1782036800001000000', '1782036800002000000', 0, 0],
      ['4444444444444444', '1782036800003000000', '1782036800004000000', 0, 0],
    ])
    const bare = spanById(view, '3333333333333333')
    expect(bare.attributes).toEqual([
      { key: '', value: { stringValue: 'no key' } },
      { key: 'no.value', value: {} },
    ])
    expect(bare.events).toEqual([{ timeUnixNano: '0', name: 'no time', attributes: [], droppedAttributesCount: 0 }])
    expect(bare.status).toEqual({ code: 0, message: 'no code' })
  })
})

describe('OTLP download of a Tempo trace, re-imported into the store', () => {
  it('keeps int64 numbers exact, base64 ids and enum names canonical, and every value its type', async () => {
    const source = new TempoTraceSource(upstream('Tempo', `${server.url}/tempo`))
    const { view } = await reimport(await source.otlp(TEMPO_TRACE_ID), TEMPO_TRACE_ID)
    const root = spanById(view, 'c0ffee0000000001')
    expect(root).toMatchObject({
      traceState: 'tempo=1',
      flags: 769,
      kind: 2,
      startTimeUnixNano: '1782036900000000001',
      endTimeUnixNano: '1782036900123456789',
      droppedAttributesCount: 2,
      droppedEventsCount: 1,
      droppedLinksCount: 2,
      status: { code: 1, message: '' },
    })
    expect(root.attributes).toEqual([
      { key: 'count.big', value: { intValue: '9007199254740993' } },
      { key: 'count.small', value: { intValue: '42' } },
      { key: 'count.text', value: { intValue: '-7' } },
      { key: 'ratio.huge', value: { doubleValue: 1e300 } },
      { key: 'ratio.nan', value: { doubleValue: 'NaN' } },
      { key: 'ratio.infinite', value: { doubleValue: '-Infinity' } },
      { key: 'ratio.whole', value: { doubleValue: 3 } },
      { key: 'payload', value: { bytesValue: '3q2+7w==' } },
      { key: 'flag', value: { boolValue: false } },
    ])
    expect(root.events).toEqual([{ timeUnixNano: '1782036900000100003', name: 'cache miss', attributes: [], droppedAttributesCount: 3 }])
    expect(root.links).toEqual([
      { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', traceState: 'l=2', attributes: [], droppedAttributesCount: 0, flags: 1 },
    ])
    expect(spanById(view, 'c0ffee0000000002')).toMatchObject({ parentSpanId: 'c0ffee0000000001', kind: 3, startTimeUnixNano: '0', endTimeUnixNano: '0' })
    expect(Object.values(view.resources)[0]).toEqual({
      attributes: [{ key: 'service.name', value: { stringValue: 'cart' } }],
      droppedAttributesCount: 1,
      schemaUrl: '',
    })
    expect(Object.values(view.scopes)[0]).toEqual({
      name: 'cart-sdk',
      version: '2.0.1',
      attributes: [{ key: 'scope.shard', value: { intValue: '7' } }],
      droppedAttributesCount: 0,
      schemaUrl: 'https://opentelemetry.io/schemas/1.21.0',
    })
  })
})

describe('OTLP download of a store trace, re-imported into another store', () => {
  it('gives back the same trace, value for value', async () => {
    const origin = await freshStore()
    const jaegerDocument = fixture('jaeger-v3-trace-every-value-type.json') as { result: { resourceSpans: unknown[] } }
    const posted = await fetch(`${origin.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resourceSpans: jaegerDocument.result.resourceSpans }),
    })
    expect(posted.status).toBe(200)
    const originalView = (await (await fetch(`${origin.url}/api/traces/${JAEGER_TRACE_ID}`)).json()) as TraceView
    const source = new StoreTraceSource(upstream('the trace store', origin.url))
    const { view } = await reimport(await source.otlp(JAEGER_TRACE_ID), JAEGER_TRACE_ID)
    expect(view).toEqual(originalView)
  })
})

describe('canonicalOtlp', () => {
  it('keeps only the spans of the asked trace and drops resources and scopes left empty', () => {
    const document = canonicalOtlp(
      [
        { scopeSpans: [{ spans: [{ traceId: 'a'.repeat(32), spanId: '1'.repeat(16) }] }] },
        { scopeSpans: [{ spans: [{ traceId: 'b'.repeat(32), spanId: '2'.repeat(16) }] }] },
      ],
      'b'.repeat(32),
    )
    expect(document.resourceSpans).toHaveLength(1)
    expect(document.resourceSpans[0]!.scopeSpans[0]!.spans.map((span) => span.spanId)).toEqual(['2'.repeat(16)])
  })

  it('refuses an intValue that is not an int64 and a doubleValue that is not a number, naming the span', () => {
    const withValue = (value: unknown) => [
      { scopeSpans: [{ spans: [{ traceId: 'a'.repeat(32), spanId: '1'.repeat(16), attributes: [{ key: 'x', value }] }] }] },
    ]
    expect(() => canonicalOtlp(withValue({ intValue: '9223372036854775808' }), 'a'.repeat(32))).toThrow('span 1111111111111111.x: intValue is not an int64')
    expect(() => canonicalOtlp(withValue({ intValue: 1.5 }), 'a'.repeat(32))).toThrow(/intValue is not an int64/)
    expect(() => canonicalOtlp(withValue({ doubleValue: 'lots' }), 'a'.repeat(32))).toThrow(/doubleValue is not a number/)
  })
})
