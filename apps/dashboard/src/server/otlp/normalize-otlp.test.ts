import { describe, expect, it, vi } from 'vitest'

vi.mock('server-only', () => ({}))
const { normalizeId, padHexId } = await import('./normalize-ids')
const { anyValueToJs, normalizeSpanKind, normalizeStatusCode, otlpToTraces, NormalizeError } = await import('./normalize-otlp')

describe('ids', () => {
  it('reads hex and base64 ids into lowercase hex', () => {
    expect(normalizeId('5B8EFFF798038103D269B633813FC60C', 16)).toBe('5b8efff798038103d269b633813fc60c')
    expect(normalizeId('W47/95gDgQPSabYzgT/GDA==', 16)).toBe('5b8efff798038103d269b633813fc60c')
    expect(normalizeId('7uGbfsPBsXQ=', 8)).toBe('eee19b7ec3c1b174')
    expect(normalizeId('7uGbfsPBsXQ', 8)).toBe('eee19b7ec3c1b174')
    expect(normalizeId('nope', 8)).toBeNull()
    expect(normalizeId('eee19b7ec3c1b174', 16)).toBeNull()
    expect(padHexId('abc', 8)).toBe('0000000000000abc')
  })
})

describe('enums and values', () => {
  it('reads kinds and status codes as numbers, proto names or plain names', () => {
    expect([
      normalizeSpanKind(2),
      normalizeSpanKind('SPAN_KIND_CLIENT'),
      normalizeSpanKind('producer'),
      normalizeSpanKind(9),
      normalizeSpanKind(undefined),
    ]).toEqual(['server', 'client', 'producer', 'unspecified', 'unspecified'])
    expect([normalizeStatusCode(2), normalizeStatusCode('STATUS_CODE_OK'), normalizeStatusCode('error'), normalizeStatusCode(undefined)]).toEqual([
      'error',
      'ok',
      'error',
      'unset',
    ])
  })

  it('turns AnyValue into plain values, keeping int64 beyond 2^53 as text', () => {
    expect(anyValueToJs({ intValue: '42' })).toBe(42)
    expect(anyValueToJs({ intValue: '9223372036854775807' })).toBe('9223372036854775807')
    expect(anyValueToJs({ doubleValue: 'NaN' })).toBe('NaN')
    expect(anyValueToJs({ arrayValue: { values: [{ stringValue: 'a' }, { boolValue: true }] } })).toEqual(['a', true])
    expect(anyValueToJs({ kvlistValue: { values: [{ key: 'k', value: { intValue: 1 } }] } })).toEqual({ k: 1 })
    expect(anyValueToJs({})).toBeNull()
  })
})

describe('otlpToTraces', () => {
  it('groups spans by trace, orders them by start and computes bounds', () => {
    const traces = otlpToTraces([
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'web' } }] },
        scopeSpans: [
          {
            scope: { name: 'fetch' },
            spans: [
              {
                traceId: 'a'.repeat(32),
                spanId: '2'.repeat(16),
                parentSpanId: '1'.repeat(16),
                name: 'child',
                startTimeUnixNano: '2000000',
                endTimeUnixNano: 9_000_000,
              },
              { traceId: 'a'.repeat(32), spanId: '1'.repeat(16), parentSpanId: '', name: 'root', startTimeUnixNano: '1000000', endTimeUnixNano: '5000000' },
              { traceId: 'b'.repeat(32), spanId: '3'.repeat(16), name: 'other', startTimeUnixNano: '1', endTimeUnixNano: '2' },
            ],
          },
        ],
      },
    ])
    expect(traces.map((trace) => [trace.traceId, trace.spans.map((span) => span.name), trace.durationMs])).toEqual([
      ['a'.repeat(32), ['root', 'child'], 8],
      ['b'.repeat(32), ['other'], 0.000001],
    ])
    expect(traces[0]!.spans[0]).toMatchObject({ parentSpanId: null, serviceName: 'web', scope: { name: 'fetch', version: '' } })
  })

  it('names the span without a service as unknown_service and refuses bad ids', () => {
    expect(
      otlpToTraces([{ scopeSpans: [{ spans: [{ traceId: 'a'.repeat(32), spanId: '1'.repeat(16), startTimeUnixNano: '1', endTimeUnixNano: '2' }] }] }])[0]!
        .spans[0]!.serviceName,
    ).toBe('unknown_service')
    expect(() =>
      otlpToTraces([{ scopeSpans: [{ spans: [{ traceId: 'xyz', spanId: '1'.repeat(16), startTimeUnixNano: '1', endTimeUnixNano: '2' }] }] }]),
    ).toThrow(NormalizeError)
  })
})
