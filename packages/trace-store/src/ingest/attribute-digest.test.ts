import { describe, expect, it } from 'vitest'
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
