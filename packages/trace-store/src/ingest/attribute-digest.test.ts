import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { probeOf, probeSeed } from '../../test-support/digest-probes.js'
import type { StoredSpan } from './stored-span.js'
import { spanRecordOf } from './span-record.js'
import {
  AttributeDigestBuilder,
  digestLine,
  MAX_SEARCHABLE_VALUE_LENGTH,
  serviceDigestNeedle,
  serviceSpanNameDigestLine,
  spanNameDigestLine,
} from './attribute-digest.js'

function storedSpan(overrides: Partial<StoredSpan>): StoredSpan {
  return {
    spanId: '1'.repeat(16),
    parentSpanId: null,
    traceState: '',
    flags: 0,
    name: 'GET /feed',
    kind: 2,
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
    attributes: [],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    serviceName: 'api',
    resourceId: 1,
    scopeId: 1,
    ...overrides,
  }
}

describe('AttributeDigestBuilder', () => {
  const digest = new AttributeDigestBuilder()
  digest.addSpan(
    spanRecordOf(
      'a'.repeat(32),
      storedSpan({
        attributes: [
          { key: 'http.response.status_code', value: { intValue: '500' } },
          { key: 'app.cached', value: { boolValue: true } },
          { key: 'app.note', value: { stringValue: 'two\nlines' } },
          { key: 'app.long', value: { stringValue: 'x'.repeat(MAX_SEARCHABLE_VALUE_LENGTH + 1) } },
          { key: 'app.list', value: { arrayValue: { values: [{ stringValue: 'a' }] } } },
        ],
      }),
    ),
  )
  digest.addAttributes([{ key: 'deployment.environment.name', value: { stringValue: 'staging' } }])
  const text = digest.build()

  it('lists scalar span and resource attributes as exact lines', () => {
    expect(text).toContain(digestLine('http.response.status_code', '500'))
    expect(text).toContain(digestLine('app.cached', 'true'))
    expect(text).toContain(digestLine('app.note', 'two\nlines'))
    expect(text).toContain(digestLine('deployment.environment.name', 'staging'))
  })

  it('does not match a prefix of a value or of a key', () => {
    expect(text).not.toContain(digestLine('http.response.status_code', '50'))
    expect(text).not.toContain(digestLine('status_code', '500'))
  })

  it('leaves out long values and lists', () => {
    expect(text).not.toContain('app.long')
    expect(text).not.toContain('app.list')
  })

  it('lists the span name, alone and with its service', () => {
    expect(text).toContain(spanNameDigestLine('GET /feed'))
    expect(text).toContain(serviceSpanNameDigestLine('api', 'GET /feed'))
    expect(text).toContain(serviceDigestNeedle('api'))
    expect(text).not.toContain(serviceDigestNeedle('ap'))
    expect(text).not.toContain(serviceSpanNameDigestLine('web', 'GET /feed'))
  })
})

/** Short texts made mostly of the characters the encoding has to keep apart, so that collisions are tried often. */
const trickyText = (minLength = 0) =>
  fc.string({ unit: fc.constantFrom('a', 'n', 's', 'e', 'p', '0', '\\', '\n', '\u001f', '\u0002', '\u0001', '\u0000', '='), minLength, maxLength: 5 })

const spanArbitrary = fc.record({
  serviceName: trickyText(1),
  name: trickyText(1),
  pairs: fc.array(fc.tuple(trickyText(), trickyText()), { maxLength: 4 }),
})

describe('the digest encoding', () => {
  it('matches a search for (key, value) exactly when a span has that attribute', () => {
    fc.assert(
      fc.property(fc.array(spanArbitrary, { minLength: 1, maxLength: 3 }), probeSeed(), fc.tuple(trickyText(), trickyText()), (spans, seed, randomProbe) => {
        const builder = new AttributeDigestBuilder()
        for (const span of spans) builder.addSpan({ serviceName: span.serviceName, name: span.name, searchPairs: span.pairs.flat() })
        const digest = builder.build()
        const pairs = spans.flatMap((span) => span.pairs)
        for (const [spanKey, spanValue] of pairs) expect(digest).toContain(digestLine(spanKey, spanValue))
        const [key, value] = probeOf(pairs, seed, randomProbe)
        expect(digest.includes(digestLine(key, value))).toBe(pairs.some(([spanKey, spanValue]) => spanKey === key && spanValue === value))
      }),
      { numRuns: 2000 },
    )
  })

  it('matches a search for a span name, a service, or both exactly when a span has them', () => {
    fc.assert(
      fc.property(fc.array(spanArbitrary, { minLength: 1, maxLength: 3 }), trickyText(1), trickyText(1), (spans, service, name) => {
        const builder = new AttributeDigestBuilder()
        for (const span of spans) builder.addSpan({ serviceName: span.serviceName, name: span.name, searchPairs: span.pairs.flat() })
        const digest = builder.build()
        expect(digest.includes(spanNameDigestLine(name))).toBe(spans.some((span) => span.name === name))
        expect(digest.includes(serviceDigestNeedle(service))).toBe(spans.some((span) => span.serviceName === service))
        expect(digest.includes(serviceSpanNameDigestLine(service, name))).toBe(spans.some((span) => span.serviceName === service && span.name === name))
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps the lines of values without control characters as databases written before it have them', () => {
    expect(digestLine('code.filepath', 'C:\\app\\main.js')).toBe('\ncode.filepath\u001fC:\\app\\main.js\n')
    expect(spanNameDigestLine('GET /feed')).toBe('\n\u0002span.name\u001fGET /feed\n')
    expect(serviceSpanNameDigestLine('api', 'GET /feed')).toBe('\n\u0002service.span.name\u001fapi\u001fGET /feed\n')
  })
})
