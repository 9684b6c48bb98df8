import { describe, expect, it } from 'vitest'
import type { StoredSpan } from './stored-span.js'
import { keyValuesJson, storedSpanJson } from './span-json.js'

const TRICKY_TEXTS = [
  'plain',
  '',
  'quote " backslash \\ slash /',
  'new\nline\ttab\u0000nul\u001f',
  'ünïcødé 日本語 😀',
  'lone \ud800 surrogate',
  '<script>alert(1)</script>',
  '\u2028\u2029',
]

function span(overrides: Partial<StoredSpan> = {}): StoredSpan {
  return {
    spanId: '00f067aa0ba902b7',
    parentSpanId: null,
    traceState: 'vendor=a,other=b',
    flags: 257,
    name: 'GET /api/cart',
    kind: 2,
    startTimeUnixNano: '1718000000000000001',
    endTimeUnixNano: '1718000000123456789',
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    serviceName: 'checkout',
    resourceId: 281474976710655,
    scopeId: 0,
    ...overrides,
  }
}

describe('storedSpanJson', () => {
  it('writes text that parses back to the span, for every value type and escape', () => {
    const attributes = [
      ...TRICKY_TEXTS.map((text, index) => ({ key: `${text}.${index}`, value: { stringValue: text } })),
      { key: 'int', value: { intValue: '-9223372036854775808' } },
      { key: 'true', value: { boolValue: true } },
      { key: 'false', value: { boolValue: false } },
      { key: 'double', value: { doubleValue: 0.1 } },
      { key: 'nan', value: { doubleValue: 'NaN' } },
      { key: 'bytes', value: { bytesValue: 'AAEC' } },
      { key: 'array', value: { arrayValue: { values: [{ stringValue: 'a"b' }, { intValue: '1' }] } } },
      { key: 'map', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } } },
      { key: 'empty', value: {} },
    ]
    const full = span({
      parentSpanId: 'b7ad6b7169203331',
      name: TRICKY_TEXTS.join('|'),
      attributes,
      droppedAttributesCount: 3,
      events: [{ timeUnixNano: '1718000000000000002', name: 'exception "x"', attributes: attributes.slice(0, 4), droppedAttributesCount: 1 }],
      droppedEventsCount: 2,
      links: [
        {
          traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
          spanId: '00f067aa0ba902b7',
          traceState: '',
          attributes: attributes.slice(-3),
          droppedAttributesCount: 0,
          flags: 1,
        },
      ],
      droppedLinksCount: 4,
      status: { code: 2, message: 'failed: "timeout"\n' },
      serviceName: 'svc "quoted"',
    })
    expect(JSON.parse(storedSpanJson(full))).toEqual(full)
    expect(JSON.parse(storedSpanJson(span()))).toEqual(span())
  })

  it('escapes what would end a string, so a value cannot inject fields', () => {
    const text = keyValuesJson([{ key: 'a', value: { stringValue: '","injected":"x' } }])
    expect(JSON.parse(text)).toEqual([{ key: 'a', value: { stringValue: '","injected":"x' } }])
  })

  it('writes only the value field validation read when a value sets several (AnyValue is a oneof)', () => {
    const text = keyValuesJson([{ key: 'a', value: { boolValue: true, intValue: 'not checked' } }])
    expect(JSON.parse(text)).toEqual([{ key: 'a', value: { boolValue: true } }])
  })
})
