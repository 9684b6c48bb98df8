import { describe, expect, it } from 'vitest'
import { makeRealisticBatch } from '../../bench/realistic-batch.js'
import { encodeBatch } from './encode-batch.js'
import { makeRequest, makeSpan, newSpanId, newTraceId } from '../../test-support/otlp-builders.js'
import { readableBatch, TRICKY_TEXT } from '../../test-support/readable-batch.js'
import { scanJsonRequest } from './scan-json-request.js'

const ids = { resourceId: () => 1, scopeId: () => 2 }

function expectSameAsGeneralPath(text: string) {
  expect(scanJsonRequest(text, ids), 'the fast path takes this request').not.toBeNull()
  const body = Buffer.from(text)
  expect(readableBatch(encodeBatch('json', body))).toEqual(readableBatch(encodeBatch('json', body, { generalPathOnly: true })))
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
            { key: 'host.cores', value: { intValue: 8 } }, // a number: the general path rewrites it as a string
          ],
          droppedAttributesCount: 1,
        },
        schemaUrl: 'https://opentelemetry.io/schemas/1.30.0',
        scopeSpans: [
          {
            scope: { name: '@opentelemetry/instrumentation-fetch', version: '0.223.0', attributes: [{ key: 'a', value: { boolValue: true } }] },
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
                  { key: 'int', value: { intValue: '-9223372036854775808' } },
                  { key: 'bool', value: { boolValue: false } },
                  { key: 'double', value: { doubleValue: 0.1 } },
                  { key: 'exp', value: { doubleValue: 1e21 } },
                  { key: 'negzero', value: { doubleValue: -0 } },
                  { key: 'bytes', value: { bytesValue: 'AAEC' } },
                  { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } } },
                  { key: 'map', value: { kvlistValue: { values: [{ key: 'status', value: { stringValue: 'x' } }] } } },
                  { key: 'empty', value: {} },
                  { key: 'unknown kind', value: { fancyValue: 1 } },
                ],
                droppedAttributesCount: 2,
                events: [
                  { timeUnixNano: '1718000000000000500', name: 'exception', attributes: [{ key: 'exception.message', value: { stringValue: TRICKY_TEXT } }] },
                ],
                droppedEventsCount: 3,
                links: [{ traceId: newTraceId(), spanId: newSpanId(), traceState: '', attributes: [], flags: 1 }],
                droppedLinksCount: 4,
                status: { code: 2, message: TRICKY_TEXT },
                unknownField: { nested: [1, 2, { deep: null }] },
              }),
              makeSpan({ traceId, parentSpanId: rootId, name: 'child', attributes: undefined, status: undefined, kind: undefined }),
              makeSpan({ traceId, name: 'null parent', events: null, links: [], ...({ parentSpanId: null } as Record<string, unknown>) }),
            ],
          },
          { spans: [makeSpan({ name: 'no scope' })] },
        ],
      },
      { scopeSpans: [{ scope: { name: 's' }, spans: [makeSpan({ name: 'no resource' })] }] },
    ],
    extraTopLevel: true,
  }
}

describe('scanJsonRequest (the JSON fast path)', () => {
  it('encodes realistic batches exactly as the general path', () => {
    expectSameAsGeneralPath(JSON.stringify(makeRealisticBatch({ spanCount: 64, startTimeUnixNano: 1_718_000_000_000_000_000n })))
  })

  it('encodes every value type, escape, optional field and unknown field exactly as the general path', () => {
    expectSameAsGeneralPath(JSON.stringify(richRequest()))
  })

  it('reads pretty-printed JSON and keys in any order', () => {
    const request = richRequest()
    const reordered = {
      resourceSpans: request.resourceSpans.map((resourceSpans) => ({
        ...resourceSpans,
        scopeSpans: resourceSpans.scopeSpans.map((scopeSpans) => ({
          ...scopeSpans,
          spans: scopeSpans.spans.map((span) => Object.fromEntries(Object.entries(span).reverse())),
        })),
      })),
    }
    expectSameAsGeneralPath(JSON.stringify(reordered, null, 2))
  })

  it('takes the last of repeated span fields, as JSON.parse does', () => {
    const span = makeSpan({ name: 'first' })
    const text = JSON.stringify(makeRequest('svc', [span])).replace(
      '"name":"first"',
      '"name":"first","attributes":[{"key":"k","value":{"stringValue":"v"}}],"name":"second"',
    )
    expectSameAsGeneralPath(text)
    expect(scanJsonRequest(text, ids)!.records[0]!.name).toBe('second')
  })

  it('reads int64 fields given as JSON numbers exactly, also beyond 2^53, as the general path does', () => {
    const span = makeSpan({
      startTimeUnixNano: 'START',
      endTimeUnixNano: 'END',
      attributes: [{ key: 'big', value: { arrayValue: { values: [{ intValue: 'BIG' }] } } }],
      events: [{ timeUnixNano: 'START', name: 'e' }],
    })
    // JSON.stringify cannot write these numbers exactly: put the digits in by hand
    const text = JSON.stringify(makeRequest('svc', [span]))
      .replaceAll('"START"', '1718000000000000001')
      .replace('"END"', '1718000000000000003')
      .replace('"BIG"', '-9223372036854775808')
    expectSameAsGeneralPath(text)
    const record = scanJsonRequest(text, ids)!.records[0]!
    expect([record.startTimeUnixNano, record.endTimeUnixNano]).toEqual([1718000000000000001n, 1718000000000000003n])
    expect(JSON.parse(record.json)).toMatchObject({
      attributes: [{ key: 'big', value: { arrayValue: { values: [{ intValue: '-9223372036854775808' }] } } }],
      events: [{ timeUnixNano: '1718000000000000001' }],
    })
  })

  it('gives up on what only the general path may judge or normalise', () => {
    const request = (span: Record<string, unknown>) => JSON.stringify(makeRequest('svc', [makeSpan(span)]))
    const givenUp = [
      request({ traceId: 'ABCDEF0123456789ABCDEF0123456789' }), // upper case: normalised by the general path
      request({ startTimeUnixNano: '9223372036854775808' }), // beyond the stored range: rejected
      request({ startTimeUnixNano: 1.5 }), // not an integer: rejected
      request({ startTimeUnixNano: '01718000000000000000' }), // not canonical
      request({ endTimeUnixNano: '1' }), // ends before it starts: rejected
      request({ spanId: '0000000000000000' }), // invalid: rejected
      request({ kind: 7 }),
      request({ attributes: [{ key: 'n', value: { intValue: 42 } }] }), // a number
      request({ attributes: [{ key: 'n', value: { stringValue: 'a', intValue: '1' } }] }), // two fields
      request({ attributes: [{ key: 'n', value: { stringValue: 'a' }, extra: 1 }] }),
      request({ attributes: [{ key: 'n', value: null }] }),
      request({ status: { code: 5 } }),
      request({}).replace('"resourceSpans":', '"resourceSpans":[],"resourceSpans":'), // repeated: JSON.parse keeps the last
      `${request({})} trailing`,
      request({}).slice(0, -3),
      request({ name: 'x' }).replace('"name":"x"', '"name":"a\\qb"'), // an invalid escape
      request({ name: 'x' }).replace('"name":"x"', '"name":"a\u0001b"'), // a raw control character
      JSON.stringify({ resourceSpans: [{ scopeSpans: [], resource: {} }] }), // resource after its spans
    ]
    for (const text of givenUp) expect(scanJsonRequest(text, ids), text.slice(0, 300)).toBeNull()
  })

  it('still answers every given-up request: valid spans are kept and malformed bodies rejected, by the general path', () => {
    const good = makeSpan({ name: 'good' })
    const bad = makeSpan({ name: 'bad', spanId: '0000000000000000' })
    const batch = encodeBatch('json', Buffer.from(JSON.stringify(makeRequest('svc', [good, bad]))))
    expect(batch.traces.flatMap((trace) => trace.spanIds)).toEqual([good.spanId])
    expect(batch.rejected).toHaveLength(1)
    expect(() => encodeBatch('json', Buffer.from('{"resourceSpans":[}'))).toThrow('body is not valid JSON')
  })
})
