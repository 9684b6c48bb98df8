import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web'
import { describe, expect, it } from 'vitest'
import { sessionResourceAttributes } from '../session/session-attributes.js'
import type { SessionRecord } from '../session/session-tracker.js'
import { encodeRequest, encodeSpan, hrTimeToNanoString, utf8Length, type AttributeRewriter, type SessionResource } from './otlp-json.js'

interface OtlpSpanJson {
  attributes: { key: string; value: Record<string, unknown> }[]
  events?: { name: string; timeUnixNano: string }[]
  [key: string]: unknown
}
interface OtlpRequestJson {
  resourceSpans: { resource: { attributes: unknown[] }; scopeSpans: { scope: { name: string; version?: string }; spans: OtlpSpanJson[] }[] }[]
}

/** The request body as the collector parses it. */
function toOtlpRequest(spans: ReadableSpan[], rewrite?: AttributeRewriter, sessionResource?: SessionResource): OtlpRequestJson {
  return JSON.parse(
    encodeRequest(
      spans.map((span) => encodeSpan(span, rewrite)),
      sessionResource,
    ),
  ) as OtlpRequestJson
}

function makeSpan(overrides: Partial<ReadableSpan> = {}): ReadableSpan {
  return {
    name: 'GET',
    kind: SpanKind.CLIENT,
    spanContext: () => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', traceFlags: TraceFlags.SAMPLED }),
    parentSpanContext: { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'aaaaaaaaaaaaaaaa', traceFlags: TraceFlags.SAMPLED },
    startTime: [1718000000, 5],
    endTime: [1718000000, 120000000],
    status: { code: SpanStatusCode.ERROR, message: 'Internal' },
    attributes: { 'url.full': 'https://api.test/?token=abc', 'http.response.status_code': 500, ratio: 0.5, ok: false, tags: ['a', 'b'] },
    links: [],
    events: [{ name: 'exception', time: [1718000000, 1000], attributes: { 'exception.message': 'boom' } }],
    duration: [0, 119999995],
    ended: true,
    resource: resourceFromAttributes({ 'service.name': 'web' }),
    instrumentationScope: { name: '@opentelemetry/instrumentation-fetch', version: '0.223.0' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...overrides,
  }
}

describe('encodeRequest', () => {
  it('maps a span to the OTLP/JSON shape: hex ids, integer enums, nanoseconds as strings', () => {
    const request = toOtlpRequest([makeSpan()])
    const span = request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!
    expect(request.resourceSpans[0]!.resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'web' } }])
    expect(request.resourceSpans[0]!.scopeSpans[0]!.scope).toEqual({ name: '@opentelemetry/instrumentation-fetch', version: '0.223.0' })
    expect(span).toMatchObject({
      traceId: '5b8efff798038103d269b633813fc60c',
      spanId: 'eee19b7ec3c1b174',
      parentSpanId: 'aaaaaaaaaaaaaaaa',
      kind: 3,
      startTimeUnixNano: '1718000000000000005',
      endTimeUnixNano: '1718000000120000000',
      status: { code: 2, message: 'Internal' },
    })
    expect(span.attributes).toEqual([
      { key: 'url.full', value: { stringValue: 'https://api.test/?token=abc' } },
      { key: 'http.response.status_code', value: { intValue: '500' } },
      { key: 'ratio', value: { doubleValue: 0.5 } },
      { key: 'ok', value: { boolValue: false } },
      { key: 'tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { stringValue: 'b' }] } } },
    ])
    expect(span.events![0]).toMatchObject({ name: 'exception', timeUnixNano: '1718000000000001000' })
  })

  it('applies the attribute rewriter (URL redaction) to string attributes', () => {
    const request = toOtlpRequest([makeSpan()], (key, value) => (key === 'url.full' ? value.replace('abc', 'REDACTED') : value))
    expect(request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.attributes[0]!.value).toEqual({ stringValue: 'https://api.test/?token=REDACTED' })
  })

  it('groups spans by resource and scope', () => {
    const resource = resourceFromAttributes({ 'service.name': 'web' })
    const request = toOtlpRequest([makeSpan({ resource }), makeSpan({ resource, instrumentationScope: { name: 'app' } }), makeSpan({ resource })])
    expect(request.resourceSpans).toHaveLength(1)
    expect(request.resourceSpans[0]!.scopeSpans.map((scope) => [scope.scope.name, scope.spans.length])).toEqual([
      ['@opentelemetry/instrumentation-fetch', 2],
      ['app', 1],
    ])
  })

  describe('with sessions', () => {
    const OLD = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
    const NEW = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
    const sessions: Record<string, SessionRecord> = {
      [OLD]: { id: OLD, startedMs: 1_000, lastActiveMs: 5_000 },
      [NEW]: { id: NEW, startedMs: 2_000_000, lastActiveMs: 2_000_500, previousId: OLD },
    }
    const sessionResource: SessionResource = (id) => sessionResourceAttributes(id, sessions[id])
    const resource = resourceFromAttributes({ 'service.name': 'web', 'deployment.environment.name': 'test' })
    const inSession = (id: string | undefined, name: string) =>
      makeSpan({ name, resource, attributes: id ? { 'session.id': id } : {}, instrumentationScope: { name: 'app' } })
    const resources = (request: OtlpRequestJson) =>
      request.resourceSpans.map((entry) => ({
        resource: Object.fromEntries(
          (entry.resource.attributes as { key: string; value: Record<string, unknown> }[]).map(({ key, value }) => [key, Object.values(value)[0]]),
        ),
        spans: entry.scopeSpans.flatMap((scope) => scope.spans.map((span) => span.name)),
      }))

    it('sends the spans of each session under a resource of their own, with the session and its times', () => {
      // a batch that straddles a new session: old, old, new, old (a span of the old one that ended late)
      const request = toOtlpRequest([inSession(OLD, 'a'), inSession(OLD, 'b'), inSession(NEW, 'c'), inSession(OLD, 'd')], undefined, sessionResource)
      expect(resources(request)).toEqual([
        {
          resource: {
            'service.name': 'web',
            'deployment.environment.name': 'test',
            'session.id': OLD,
            'spanlight.session.start_time_unix_ms': '1000',
            'spanlight.session.last_activity_time_unix_ms': '5000',
          },
          spans: ['a', 'b', 'd'],
        },
        {
          resource: {
            'service.name': 'web',
            'deployment.environment.name': 'test',
            'session.id': NEW,
            'session.previous_id': OLD,
            'spanlight.session.start_time_unix_ms': '2000000',
            'spanlight.session.last_activity_time_unix_ms': '2000500',
          },
          spans: ['c'],
        },
      ])
    })

    it('keeps session.id on the spans themselves', () => {
      const span = toOtlpRequest([inSession(NEW, 'c')], undefined, sessionResource).resourceSpans[0]!.scopeSpans[0]!.spans[0]!
      expect(span.attributes).toEqual([{ key: 'session.id', value: { stringValue: NEW } }])
    })

    it('names a session it no longer knows by its id alone, and leaves spans without a session under the plain resource', () => {
      const unknown = 'cccccccccccccccccccccccccccccccc'
      expect(resources(toOtlpRequest([inSession(unknown, 'x'), inSession(undefined, 'y')], undefined, sessionResource))).toEqual([
        { resource: { 'service.name': 'web', 'deployment.environment.name': 'test', 'session.id': unknown }, spans: ['x'] },
        { resource: { 'service.name': 'web', 'deployment.environment.name': 'test' }, spans: ['y'] },
      ])
    })

    it('writes a resource with no attributes of its own as the session alone', () => {
      const span = makeSpan({ resource: resourceFromAttributes({}), attributes: { 'session.id': OLD } })
      expect(toOtlpRequest([span], undefined, sessionResource).resourceSpans[0]!.resource.attributes).toHaveLength(3)
    })
  })

  it('leaves proto3 defaults out (empty lists, zero counts, unset status, empty trace state)', () => {
    const span = toOtlpRequest([makeSpan({ status: { code: SpanStatusCode.UNSET }, events: [], parentSpanContext: undefined })]).resourceSpans[0]!
      .scopeSpans[0]!.spans[0]!
    expect(Object.keys(span).sort()).toEqual(['attributes', 'endTimeUnixNano', 'flags', 'kind', 'name', 'spanId', 'startTimeUnixNano', 'traceId'])
  })

  it('spells NaN and infinities as proto3 JSON does, and keeps integers beyond 2^53 as doubles', () => {
    const span = toOtlpRequest([makeSpan({ attributes: { nan: NaN, up: Infinity, down: -Infinity, huge: 1e300, big: 2 ** 60 } })]).resourceSpans[0]!
      .scopeSpans[0]!.spans[0]!
    expect(span.attributes.map((attribute) => attribute.value)).toEqual([
      { doubleValue: 'NaN' },
      { doubleValue: 'Infinity' },
      { doubleValue: '-Infinity' },
      { doubleValue: 1e300 },
      { doubleValue: 2 ** 60 },
    ])
  })

  it('knows the UTF-8 size of each encoded span', () => {
    const encoded = encodeSpan(makeSpan({ name: 'zählen 🚀' }))
    expect(encoded.bytes).toBe(new TextEncoder().encode(encoded.json).length)
    expect(utf8Length('abc')).toBe(3)
  })

  it('writes times without losing nanosecond precision', () => {
    expect(hrTimeToNanoString([0, 42])).toBe('42')
    expect(hrTimeToNanoString([1718000000, 999999999])).toBe('1718000000999999999')
  })
})
