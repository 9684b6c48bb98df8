import { context, SpanKind, SpanStatusCode, trace, type Link } from '@opentelemetry/api'
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TraceView } from '../query/trace-views.js'
import { getJson, startTestStore } from '../../test-support/test-store.js'

type Store = Awaited<ReturnType<typeof startTestStore>>

function hrTimeToNanos([seconds, nanos]: [number, number]): string {
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)).toString()
}

/** Records a small two-span trace with attributes of every type, an event, a link and an error status. */
async function recordTrace(exporter: SpanExporter, serviceName: string): Promise<ReadableSpan[]> {
  const recorded = new InMemorySpanExporter()
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'service.version': '1.2.3' }),
    spanProcessors: [new SimpleSpanProcessor(recorded), new SimpleSpanProcessor(exporter)],
  })
  const tracer = provider.getTracer('exporter-test', '0.1.0')
  const linkTarget = tracer.startSpan('linked')
  linkTarget.end()
  const link: Link = { context: linkTarget.spanContext(), attributes: { 'link.reason': 'retry-of' } }

  const parent = tracer.startSpan('GET /feed', {
    kind: SpanKind.SERVER,
    attributes: {
      'http.request.method': 'GET',
      'http.response.status_code': 500,
      'app.ratio': 0.25,
      'app.cached': false,
      'app.tags': ['a', 'b'],
      'app.sizes': [1, 2, 3],
      'app.big': 9_007_199_254_740_991,
    },
    links: [link],
  })
  const child = tracer.startSpan(
    'SELECT activities',
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'sqlite' } },
    trace.setSpan(context.active(), parent),
  )
  child.addEvent('rows-read', { 'rows.count': 12 })
  child.end()
  parent.recordException(new TypeError('feed exploded'))
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'feed exploded' })
  parent.end()
  await provider.forceFlush()
  const finished = recorded.getFinishedSpans().filter((span) => span.name !== 'linked')
  await provider.shutdown()
  return finished
}

function expectStoredSpanToMatch(stored: TraceView['spans'][number], original: ReadableSpan): void {
  expect(stored.spanId).toBe(original.spanContext().spanId)
  expect(stored.parentSpanId).toBe(original.parentSpanContext?.spanId ?? null)
  expect(stored.name).toBe(original.name)
  expect(stored.kind).toBe(original.kind + 1) // API kinds start at INTERNAL = 0, OTLP at UNSPECIFIED = 0
  expect(stored.startTimeUnixNano).toBe(hrTimeToNanos(original.startTime))
  expect(stored.endTimeUnixNano).toBe(hrTimeToNanos(original.endTime))
  expect(stored.status).toEqual({ code: original.status.code, message: original.status.message ?? '' })
  expect(stored.serviceName).toBe(original.resource.attributes['service.name'])
  expect(stored.events.map((event) => event.name)).toEqual(original.events.map((event) => event.name))
  expect(stored.events.map((event) => event.timeUnixNano)).toEqual(original.events.map((event) => hrTimeToNanos(event.time)))
  expect(stored.links.map((link) => link.spanId)).toEqual(original.links.map((link) => link.context.spanId))
}

describe.each([
  ['OTLP/HTTP JSON', (url: string) => new JsonTraceExporter({ url })],
  ['OTLP/HTTP protobuf', (url: string) => new ProtoTraceExporter({ url })],
])('spans sent by the real %s exporter', (_label, makeExporter) => {
  let store: Store
  let originals: ReadableSpan[]
  let stored: TraceView

  beforeAll(async () => {
    store = await startTestStore()
    originals = await recordTrace(makeExporter(`${store.url}/v1/traces`), 'exporter-test-service')
    const traceId = originals[0]!.spanContext().traceId
    const response = await getJson<TraceView>(`${store.url}/api/traces/${traceId}`)
    expect(response.status).toBe(200)
    stored = response.body
  })
  afterAll(() => store.close())

  it('come back from the query API with ids, parent, kind, status, events, links and ns times intact', () => {
    expect(stored.spans).toHaveLength(2)
    for (const original of originals) {
      const match = stored.spans.find((span) => span.spanId === original.spanContext().spanId)
      expect(match, `span ${original.name}`).toBeDefined()
      expectStoredSpanToMatch(match!, original)
    }
  })

  it('keep attributes of every value type with their OTLP types', () => {
    const server = stored.spans.find((span) => span.name === 'GET /feed')!
    const byKey = Object.fromEntries(server.attributes.map((attribute) => [attribute.key, attribute.value]))
    expect(byKey).toEqual({
      'http.request.method': { stringValue: 'GET' },
      'http.response.status_code': { intValue: '500' },
      'app.ratio': { doubleValue: 0.25 },
      'app.cached': { boolValue: false },
      'app.tags': { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } },
      'app.sizes': { arrayValue: { values: [{ intValue: '1' }, { intValue: '2' }, { intValue: '3' }] } },
      'app.big': { intValue: '9007199254740991' },
    })
    const event = server.events.find((candidate) => candidate.name === 'exception')!
    const eventAttributes = Object.fromEntries(event.attributes.map((attribute) => [attribute.key, attribute.value]))
    expect(eventAttributes['exception.type']).toEqual({ stringValue: 'TypeError' })
    expect(eventAttributes['exception.message']).toEqual({ stringValue: 'feed exploded' })
    expect(server.links[0]!.attributes).toEqual([{ key: 'link.reason', value: { stringValue: 'retry-of' } }])
  })

  it('keep the resource and the instrumentation scope', () => {
    const server = stored.spans.find((span) => span.name === 'GET /feed')!
    const resource = stored.resources[server.resourceId]!
    const resourceAttributes = Object.fromEntries(resource.attributes.map((attribute) => [attribute.key, attribute.value]))
    expect(resourceAttributes['service.name']).toEqual({ stringValue: 'exporter-test-service' })
    expect(resourceAttributes['service.version']).toEqual({ stringValue: '1.2.3' })
    expect(stored.scopes[server.scopeId]).toMatchObject({ name: 'exporter-test', version: '0.1.0' })
  })

  it('summarise the trace: root, span and error counts, services', () => {
    expect(stored.summary).toMatchObject({
      rootServiceName: 'exporter-test-service',
      rootSpanName: 'GET /feed',
      hasRoot: true,
      spanCount: 2,
      errorCount: 1,
      services: [{ name: 'exporter-test-service', spanCount: 2, errorCount: 1 }],
    })
  })
})
