import { describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import { opentelemetry as otel } from '../../otlp-proto/otlp-trace.js'
import { makeRealisticBatch } from '../../bench/realistic-batch.js'
import { encodeBatch } from './encode-batch.js'
import { makeSpan, newSpanId, newTraceId } from '../../test-support/otlp-builders.js'
import { readableBatch, TRICKY_TEXT } from '../../test-support/readable-batch.js'
import { varint } from '../../test-support/wire-format.js'
import { scanProtobufRequest } from './scan-protobuf-request.js'

const ids = { resourceId: () => 1, scopeId: () => 2 }

/** An OTLP JSON span (hex ids) as protobuf bytes, made by protobufjs. */
function spanBytes(span: Record<string, unknown>): Buffer {
  const withBytes = JSON.parse(JSON.stringify(span), (key, value: unknown) =>
    ['traceId', 'spanId', 'parentSpanId'].includes(key) && typeof value === 'string' ? Buffer.from(value, 'hex') : value,
  ) as unknown
  return Buffer.from(otel.proto.trace.v1.Span.encode(otel.proto.trace.v1.Span.fromObject(withBytes as Record<string, unknown>)).finish())
}

function resourceBytes(serviceName: string): Buffer {
  const resource = { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] }
  return Buffer.from(otel.proto.resource.v1.Resource.encode(otel.proto.resource.v1.Resource.fromObject(resource)).finish())
}

// Hand-made wire format, for what protobufjs would never write: fields out of order, repeated, unknown, mistyped.
function delimited(field: number, payload: Buffer | string): Buffer {
  const bytes = Buffer.from(payload)
  return Buffer.concat([varint((field << 3) | 2), varint(bytes.length), bytes])
}
function varintField(field: number, value: number): Buffer {
  return Buffer.concat([varint(field << 3), varint(value)])
}
/** A request of one resourceSpans entry holding one scopeSpans entry with these spans (each already bytes). */
function requestBytes(spans: Buffer[], resourceSpansFields: Buffer[] = [delimited(1, resourceBytes('svc'))]): Buffer {
  const scopeSpans = Buffer.concat(spans.map((span) => delimited(2, span)))
  return delimited(1, Buffer.concat([...resourceSpansFields, delimited(2, scopeSpans)]))
}

function expectSameAsGeneralPath(body: Buffer) {
  expect(scanProtobufRequest(body, ids), 'the fast path takes this request').not.toBeNull()
  expect(readableBatch(encodeBatch('protobuf', body))).toEqual(readableBatch(encodeBatch('protobuf', body, { generalPathOnly: true })))
}

function richRequest() {
  const traceId = newTraceId()
  const rootId = newSpanId()
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: `web ${TRICKY_TEXT}` } },
            { key: 'host.cores', value: { intValue: 8 } },
            { key: 'host.tags', value: { arrayValue: { values: [{ stringValue: 'a' }, { doubleValue: 1.5 }] } } },
          ],
          droppedAttributesCount: 1,
        },
        schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
        scopeSpans: [
          {
            scope: {
              name: '@opentelemetry/instrumentation-fetch',
              version: '0.223.0',
              attributes: [{ key: 'a', value: { boolValue: true } }],
              droppedAttributesCount: 3,
            },
            schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
            spans: [
              makeSpan({
                traceId,
                spanId: rootId,
                parentSpanId: '',
                name: TRICKY_TEXT,
                kind: 0,
                traceState: 'vendor=x',
                flags: 257,
                attributes: [
                  { key: TRICKY_TEXT, value: { stringValue: TRICKY_TEXT } },
                  { key: 'empty string', value: { stringValue: '' } },
                  { key: 'int min', value: { intValue: '-9223372036854775808' } },
                  { key: 'int max', value: { intValue: '9223372036854775807' } },
                  { key: 'int -1', value: { intValue: '-1' } },
                  { key: 'int 2^28', value: { intValue: String(2 ** 28) } },
                  { key: 'int 0', value: { intValue: '0' } },
                  { key: 'bool', value: { boolValue: false } },
                  { key: 'double', value: { doubleValue: 0.1 } },
                  { key: 'exp', value: { doubleValue: 1e21 } },
                  { key: 'negzero', value: { doubleValue: -0 } },
                  { key: 'nan', value: { doubleValue: Number.NaN } },
                  { key: 'bytes', value: { bytesValue: 'AAEC' } },
                  { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }, {}] } } },
                  {
                    key: 'map',
                    value: {
                      kvlistValue: {
                        values: [
                          { key: 'status', value: { stringValue: 'x' } },
                          { key: 'nested', value: { kvlistValue: { values: [] } } },
                        ],
                      },
                    },
                  },
                  { key: 'empty', value: {} },
                  { key: 'no value' },
                ],
                droppedAttributesCount: 2,
                events: [
                  {
                    timeUnixNano: '1718000000000000500',
                    name: 'exception',
                    attributes: [{ key: 'exception.message', value: { stringValue: TRICKY_TEXT } }],
                    droppedAttributesCount: 1,
                  },
                  { name: 'no time' },
                ],
                droppedEventsCount: 3,
                links: [{ traceId: newTraceId(), spanId: newSpanId(), traceState: 'k=v', attributes: [{ key: 'l', value: { intValue: '5' } }], flags: 1 }],
                droppedLinksCount: 4,
                status: { code: 2, message: TRICKY_TEXT },
              }),
              makeSpan({ traceId, parentSpanId: rootId, name: 'child', attributes: undefined, status: undefined, kind: 5 }),
              makeSpan({ traceId, parentSpanId: rootId, name: '', startTimeUnixNano: '0', endTimeUnixNano: '9223372036854775807' }),
            ],
          },
          { spans: [makeSpan({ name: 'no scope' })] },
          { scope: { name: 'no spans' } },
        ],
      },
      { scopeSpans: [{ scope: { name: 's' }, spans: [makeSpan({ name: 'no resource' })] }] },
      { resource: { attributes: [{ key: 'service.name', value: { stringValue: 'resource without spans' } }] } },
    ],
  }
}

describe('scanProtobufRequest (the protobuf fast path)', () => {
  it('encodes realistic batches exactly as the general path', () => {
    expectSameAsGeneralPath(Buffer.from(encodeProtobufRequest(makeRealisticBatch({ spanCount: 64, startTimeUnixNano: 1_718_000_000_000_000_000n }))))
  })

  it('encodes every value type, escape, optional field and edge value exactly as the general path', () => {
    expectSameAsGeneralPath(Buffer.from(encodeProtobufRequest(richRequest())))
  })

  it('reads fields in any order, skips unknown fields and keeps the last of a repeated scalar, as protobufjs does', () => {
    const span = spanBytes(makeSpan({ name: 'first', attributes: [{ key: 'k', value: { stringValue: 'v' } }] }))
    const unknownFields = Buffer.concat([varintField(100, 7), delimited(101, 'x')])
    // no resource; a schema URL and fields no message defines, at every level
    const body = Buffer.concat([
      requestBytes([Buffer.concat([span, delimited(5, 'second'), unknownFields])], [delimited(3, 'https://schema'), unknownFields]),
      unknownFields,
    ])
    expectSameAsGeneralPath(body)
    expect(scanProtobufRequest(body, ids)!.records[0]!.name).toBe('second')

    const resourceLast = delimited(1, Buffer.concat([delimited(2, delimited(2, span)), delimited(1, resourceBytes('late'))]))
    expectSameAsGeneralPath(resourceLast)
    expect(scanProtobufRequest(resourceLast, ids)!.records[0]!.serviceName).toBe('late')
  })

  it('gives up on what only the general path may judge', () => {
    const span = (overrides: Record<string, unknown>) => spanBytes(makeSpan(overrides))
    const givenUp = {
      'an all-zero span id': requestBytes([span({ spanId: '0000000000000000' })]),
      'a short trace id': requestBytes([span({ traceId: 'abcd' })]),
      'a parent id of the wrong size': requestBytes([span({ parentSpanId: 'abcd' })]),
      'an unknown kind': requestBytes([span({ kind: 7 })]),
      'a status code above 2': requestBytes([span({ status: { code: 5 } })]),
      'an end before the start': requestBytes([span({ endTimeUnixNano: '1' })]),
      'a link with a bad id': requestBytes([span({ links: [{ traceId: '00', spanId: newSpanId() }] })]),
      'a bool that is neither 0 nor 1': requestBytes([
        Buffer.concat([span({}), delimited(9, Buffer.concat([delimited(1, 'b'), delimited(2, varintField(2, 2))]))]),
      ]),
      'two fields of one oneof': requestBytes([
        Buffer.concat([span({}), delimited(9, Buffer.concat([delimited(1, 'k'), delimited(2, Buffer.concat([delimited(1, 'a'), varintField(3, 1)]))]))]),
      ]),
      'a value nested too deeply': requestBytes([span({ attributes: [{ key: 'deep', value: nestedList(32) }] })]),
      'a start time at 2^63 ns': requestBytes([span({ startTimeUnixNano: '9223372036854775808', endTimeUnixNano: '9223372036854775808' })]),
      'a resource given twice': requestBytes([span({})], [delimited(1, resourceBytes('a')), delimited(1, resourceBytes('b'))]),
      'a span name sent as a varint': requestBytes([Buffer.concat([span({}), varintField(5, 1)])]),
      'a group': requestBytes([Buffer.concat([span({}), varint((100 << 3) | 3)])]),
      'a truncated body': requestBytes([span({})]).subarray(0, 40),
      'a length past the end': Buffer.concat([varint((1 << 3) | 2), varint(1000), Buffer.alloc(10)]),
    }
    for (const [what, body] of Object.entries(givenUp)) expect(scanProtobufRequest(body, ids), what).toBeNull()
  })

  it('still answers every given-up request: valid spans are kept and malformed bodies rejected, by the general path', () => {
    const good = makeSpan({ name: 'good' })
    const bad = makeSpan({ name: 'bad', spanId: '0000000000000000' })
    const batch = encodeBatch('protobuf', requestBytes([spanBytes(good), spanBytes(bad)]))
    expect(batch.traces.flatMap((trace) => trace.spanIds)).toEqual([good.spanId])
    expect(batch.rejected).toEqual([{ path: 'resourceSpans[0].scopeSpans[0].spans[1]', reason: 'spanId must be 16 hex digits, not all zero' }])
    expect(() => encodeBatch('protobuf', requestBytes([spanBytes(good)]).subarray(0, 40))).toThrow('protobuf body could not be decoded')
  })
})

function nestedList(depth: number): Record<string, unknown> {
  return depth === 0 ? { stringValue: 'bottom' } : { arrayValue: { values: [nestedList(depth - 1)] } }
}
