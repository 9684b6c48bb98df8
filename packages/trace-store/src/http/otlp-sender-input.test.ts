import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import type { TraceView } from '../query/trace-views.js'
import { makeRequest, makeSpan, newSpanId, newTraceId } from '../../test-support/otlp-builders.js'
import { getJson, postJson, postJsonText, postProtobuf, readJson, startTestStore } from '../../test-support/test-store.js'
import { varint } from '../../test-support/wire-format.js'

// What OpenTelemetry senders other than ours send (issue 12, items 1–5), over real HTTP in both encodings.

type Store = Awaited<ReturnType<typeof startTestStore>>
type PartialSuccess = { partialSuccess?: { rejectedSpans: string; errorMessage: string } }

const LATEST_TIME = '9223372036854775807' // 2^63 - 1
const TOO_LATE = '9223372036854775808' // 2^63

function nested(levels: number, via: 'array' | 'kvlist'): Record<string, unknown> {
  if (levels === 1) return { stringValue: 'bottom' }
  const inner = nested(levels - 1, via)
  return via === 'array' ? { arrayValue: { values: [inner] } } : { kvlistValue: { values: [{ key: `level ${levels - 1}`, value: inner }] } }
}

/** An ExportTracePartialSuccess read from protobuf response bytes: field 1 { int64 rejected_spans = 1; string error_message = 2 }. */
function partialSuccessText(bytes: ArrayBuffer): string {
  return Buffer.from(bytes).toString('latin1')
}

describe('OTLP ingest of what other OpenTelemetry senders send', () => {
  let store: Store
  let tracesUrl: string
  const view = async (traceId: string) => (await getJson<TraceView>(`${store.url}/api/traces/${traceId}`)).body

  beforeAll(async () => {
    store = await startTestStore()
    tracesUrl = `${store.url}/v1/traces`
  })
  afterAll(() => store.close())

  describe('a time at or after 2^63 ns (item 1)', () => {
    it('rejects only that span over JSON, keeping every other span of the request, and never answers 503', async () => {
      const kept = makeSpan({ name: 'kept', endTimeUnixNano: LATEST_TIME })
      const late = makeSpan({ name: 'late', startTimeUnixNano: TOO_LATE, endTimeUnixNano: TOO_LATE })
      const lateEvent = makeSpan({ name: 'late event', events: [{ timeUnixNano: '18446744073709551615', name: 'e' }] })
      const response = await postJson(tracesUrl, makeRequest('svc', [kept, late, lateEvent]))
      expect(response.status).toBe(200)
      const body = await readJson<PartialSuccess>(response)
      expect(body.partialSuccess!.rejectedSpans).toBe('2')
      expect(body.partialSuccess!.errorMessage).toContain(
        'spans[1]: startTimeUnixNano must be below 2^63 ns (9223372036854775808), the latest time the store keeps',
      )
      expect(body.partialSuccess!.errorMessage).toContain('spans[2]: event timeUnixNano must be below 2^63 ns')
      expect((await view(kept.traceId)).spans.map((span) => span.endTimeUnixNano)).toEqual([LATEST_TIME])
      expect((await getJson(`${store.url}/api/traces/${late.traceId}`)).status).toBe(404)
    })

    it('rejects only that span over protobuf', async () => {
      const kept = makeSpan({ name: 'kept' })
      const late = makeSpan({ name: 'late', endTimeUnixNano: '18446744073709551615' })
      const response = await postProtobuf(tracesUrl, encodeProtobufRequest(makeRequest('svc', [kept, late])))
      expect(response.status).toBe(200)
      expect(partialSuccessText(await response.arrayBuffer())).toContain('spans[1]: endTimeUnixNano must be below 2^63 ns')
      expect((await view(kept.traceId)).spans).toHaveLength(1)
    })
  })

  describe('int64 fields as JSON numbers (item 2)', () => {
    it('stores times and int values given as JSON numbers exactly, also beyond 2^53', async () => {
      const span = makeSpan({
        startTimeUnixNano: 'START',
        endTimeUnixNano: 'END',
        attributes: [{ key: 'big', value: { intValue: 'BIG' } }],
        events: [{ timeUnixNano: 'END', name: 'e' }],
      })
      const text = JSON.stringify(makeRequest('numbers', [span]))
        .replace('"START"', '1718000000000000001')
        .replaceAll('"END"', '1718000000000000003')
        .replace('"BIG"', '9007199254740993')
      const response = await postJsonText(tracesUrl, text)
      expect(await readJson(response)).toEqual({})
      const [stored] = (await view(span.traceId)).spans
      expect(stored).toMatchObject({
        startTimeUnixNano: '1718000000000000001',
        endTimeUnixNano: '1718000000000000003',
        attributes: [{ key: 'big', value: { intValue: '9007199254740993' } }],
        events: [{ timeUnixNano: '1718000000000000003' }],
      })
    })

    it('rejects a span whose intValue is beyond int64, as a string or a number', async () => {
      const traceId = newTraceId()
      const overString = makeSpan({ traceId, attributes: [{ key: 'over', value: { intValue: '9223372036854775808' } }] })
      const overNumber = makeSpan({ traceId, attributes: [{ key: 'under', value: { intValue: 'UNDER' } }] })
      const text = JSON.stringify(makeRequest('svc', [overString, overNumber, makeSpan({ traceId })])).replace('"UNDER"', '-9223372036854775809')
      const body = await readJson<PartialSuccess>(await postJsonText(tracesUrl, text))
      expect(body.partialSuccess!.rejectedSpans).toBe('2')
      expect(body.partialSuccess!.errorMessage).toContain('spans[0]: attribute "over": intValue 9223372036854775808 is outside the int64 range')
      expect(body.partialSuccess!.errorMessage).toContain('spans[1]: attribute "under": intValue -9223372036854775809 is outside the int64 range')
      expect((await view(traceId)).spans).toHaveLength(1)
    })
  })

  describe('proto3 defaults left out of JSON (item 3)', () => {
    it('stores a JSON span without name, kind, status, flags, counts or event time exactly as the same span over protobuf', async () => {
      const sparse = (traceId: string, spanId: string) => ({ traceId, spanId, events: [{ name: 'no time' }, {}] })
      const [jsonTraceId, protobufTraceId, spanId] = [newTraceId(), newTraceId(), newSpanId()]
      expect(await readJson(await postJson(tracesUrl, makeRequest('sparse', [sparse(jsonTraceId, spanId)])))).toEqual({})
      expect((await postProtobuf(tracesUrl, encodeProtobufRequest(makeRequest('sparse', [sparse(protobufTraceId, spanId)])))).status).toBe(200)
      const [fromJson] = (await view(jsonTraceId)).spans
      const [fromProtobuf] = (await view(protobufTraceId)).spans
      expect({ ...fromJson, traceId: protobufTraceId }).toEqual(fromProtobuf)
      expect(fromJson).toMatchObject({
        name: '',
        kind: 0,
        flags: 0,
        startTimeUnixNano: '0',
        status: { code: 0, message: '' },
        events: [
          { timeUnixNano: '0', name: 'no time', attributes: [], droppedAttributesCount: 0 },
          { timeUnixNano: '0', name: '', attributes: [], droppedAttributesCount: 0 },
        ],
        droppedEventsCount: 0,
      })
    })
  })

  describe('NaN and ±Infinity (item 4)', () => {
    const specials = [
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'inf', value: { doubleValue: 'Infinity' } },
      { key: '-inf', value: { doubleValue: '-Infinity' } },
    ]

    it('stores protobuf NaN and ±Infinity doubles as their proto3 JSON spellings, as sent over JSON, and the download re-imports', async () => {
      const span = makeSpan({ attributes: specials })
      const jsonSpan = makeSpan({ traceId: span.traceId, attributes: specials })
      expect((await postProtobuf(tracesUrl, encodeProtobufRequest(makeRequest('doubles', [span])))).status).toBe(200)
      expect(await readJson(await postJson(tracesUrl, makeRequest('doubles', [jsonSpan])))).toEqual({})
      expect((await view(span.traceId)).spans.map((stored) => stored.attributes)).toEqual([specials, specials])
      const found = await getJson<{ traces: { traceId: string }[] }>(`${store.url}/api/traces?service=doubles&attribute=inf%3DInfinity`)
      expect(found.body.traces.map((trace) => trace.traceId)).toEqual([span.traceId])

      const download = await (await fetch(`${store.url}/api/traces/${span.traceId}/otlp`)).json()
      const copy = await startTestStore()
      try {
        expect(await readJson(await postJson(`${copy.url}/v1/traces`, download))).toEqual({})
        expect((await getJson<TraceView>(`${copy.url}/api/traces/${span.traceId}`)).body.spans.map((stored) => stored.attributes)).toEqual([specials, specials])
      } finally {
        await copy.close()
      }
    })
  })

  describe('schemaUrl, scope counts, int32 strings, nesting and wire types (item 5)', () => {
    it('stores and returns schemaUrl of resource and scope and the scope dropped-attributes count, and the download carries them', async () => {
      const span = makeSpan()
      const request = {
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'schemas' } }], droppedAttributesCount: 1 },
            schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
            scopeSpans: [
              { scope: { name: 'lib', version: '2', droppedAttributesCount: 4 }, schemaUrl: 'https://opentelemetry.io/schemas/1.24.0', spans: [span] },
            ],
          },
        ],
      }
      for (const send of [() => postJson(tracesUrl, request), () => postProtobuf(tracesUrl, encodeProtobufRequest(request))]) {
        expect((await send()).status).toBe(200)
        const trace = await view(span.traceId)
        expect(Object.values(trace.resources)).toEqual([
          { attributes: request.resourceSpans[0]!.resource.attributes, droppedAttributesCount: 1, schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' },
        ])
        expect(Object.values(trace.scopes)).toEqual([
          { name: 'lib', version: '2', attributes: [], droppedAttributesCount: 4, schemaUrl: 'https://opentelemetry.io/schemas/1.24.0' },
        ])
      }
      const download = (await (await fetch(`${store.url}/api/traces/${span.traceId}/otlp`)).json()) as typeof request
      expect(download.resourceSpans[0]).toMatchObject({
        schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
        scopeSpans: [{ schemaUrl: 'https://opentelemetry.io/schemas/1.24.0', scope: { droppedAttributesCount: 4 } }],
      })
    })

    it('accepts int32 counts and flags sent as decimal strings in JSON, and rejects a count that is not a uint32', async () => {
      const traceId = newTraceId()
      const asStrings = makeSpan({ traceId, flags: '257', droppedAttributesCount: '3', droppedEventsCount: '4', droppedLinksCount: '5' })
      const negative = makeSpan({ traceId, droppedEventsCount: -1 })
      const body = await readJson<PartialSuccess>(await postJson(tracesUrl, makeRequest('counts', [asStrings, negative])))
      expect(body.partialSuccess!.errorMessage).toBe(
        '1 span(s) rejected: resourceSpans[0].scopeSpans[0].spans[1]: droppedEventsCount must be an unsigned 32-bit integer',
      )
      expect((await view(traceId)).spans[0]).toMatchObject({ flags: 257, droppedAttributesCount: 3, droppedEventsCount: 4, droppedLinksCount: 5 })
    })

    it('accepts values nested 32 levels deep and rejects only the span of a deeper one, in both encodings', async () => {
      for (const encode of [(request: unknown) => Buffer.from(JSON.stringify(request)), encodeProtobufRequest]) {
        const traceId = newTraceId()
        const deepest = makeSpan({ traceId, events: [{ timeUnixNano: '1', name: 'e', attributes: [{ key: 'map', value: nested(32, 'kvlist') }] }] })
        const list = makeSpan({ traceId, attributes: [{ key: 'list', value: nested(32, 'array') }] })
        const tooDeep = makeSpan({ traceId, attributes: [{ key: 'deep', value: nested(33, 'array') }] })
        const body = encode(makeRequest('nesting', [deepest, list, tooDeep]))
        const response = await fetch(tracesUrl, {
          method: 'POST',
          headers: { 'content-type': encode === encodeProtobufRequest ? 'application/x-protobuf' : 'application/json' },
          body,
        })
        expect(response.status).toBe(200)
        const text = Buffer.from(await response.arrayBuffer()).toString('latin1')
        expect(text.replaceAll('\\"', '"')).toContain('spans[2]: attribute "deep": value nested more than 32 levels deep')
        expect((await view(traceId)).spans.map((span) => span.spanId).sort()).toEqual([deepest.spanId, list.spanId].sort())
      }
    })

    it('answers a JSON value nested half a million levels deep with partial success, not a crash', async () => {
      const span = makeSpan({ attributes: [{ key: 'deep', value: 'DEEP' }] })
      const text = JSON.stringify(makeRequest('svc', [span])).replace('"DEEP"', `${'{"arrayValue":{"values":['.repeat(5e5)}{}${']}}'.repeat(5e5)}`)
      const body = await readJson<PartialSuccess>(await postJsonText(tracesUrl, text))
      expect(body.partialSuccess!.errorMessage).toMatch(/spans\[0\]: attribute "deep": value nested more than 32 levels deep$/)
    })

    it('answers a protobuf field sent with another wire type than its schema says with 400 naming it', async () => {
      const valid = Buffer.from(encodeProtobufRequest(makeRequest('svc', [makeSpan({ name: 'x' })])))
      // the span's name (field 5): tag 0x2a, length 1, "x"; as a varint (tag 0x28) it is 0x01 followed by the rest
      const nameAt = valid.indexOf(Buffer.from([0x2a, 0x01, 0x78]))
      const mistyped = Buffer.from(valid)
      mistyped[nameAt] = 0x28
      mistyped[nameAt + 1] = 0x78 // a one-byte varint, then one byte left over: a field 15 varint tag (0x78) would read on
      const response = await postProtobuf(tracesUrl, mistyped)
      expect(response.status).toBe(400)
      expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toContain('protobuf field Span.name (field 5) must be length-delimited, not varint')
    })

    it('answers protobuf messages nested beyond what the decoder reads with 400 that says so', async () => {
      const response = await postProtobuf(tracesUrl, encodeProtobufRequestDeep(60))
      expect(response.status).toBe(400)
      expect(Buffer.from(await response.arrayBuffer()).toString('latin1')).toContain('messages nested more than 100 deep')
    })
  })
})

/** A request whose one span has an attribute value nested `levels` deep, written without protobufjs's own nesting limit. */
function encodeProtobufRequestDeep(levels: number): Uint8Array {
  const field = (number: number, bytes: Buffer) => Buffer.concat([Buffer.from([(number << 3) | 2]), varint(bytes.length), bytes])
  let value = field(1, Buffer.from('bottom')) // AnyValue.string_value
  for (let level = 1; level < levels; level += 1) value = field(5, field(1, value)) // AnyValue.array_value.values
  const span = Buffer.concat([
    field(1, Buffer.from(newTraceId(), 'hex')),
    field(2, Buffer.from(newSpanId(), 'hex')),
    field(9, Buffer.concat([field(1, Buffer.from('deep')), field(2, value)])),
  ])
  return field(1, field(2, field(2, span)))
}
