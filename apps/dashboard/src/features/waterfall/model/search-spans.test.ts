import { describe, expect, it } from 'vitest'
import type { SpanModel } from '../../traces/model/trace-model'
import { searchSpans } from './search-spans'
import { serviceColorIndexes } from './service-colors'

function makeSpan(overrides: Partial<SpanModel>): SpanModel {
  return {
    spanId: '0000000000000001',
    parentSpanId: null,
    name: 'span',
    kind: 'internal',
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
    durationMs: 0,
    status: { code: 'unset', message: '' },
    serviceName: 'api',
    resourceId: 'r0',
    scope: { name: '', version: '' },
    attributes: [],
    events: [],
    links: [],
    ...overrides,
  }
}

describe('searchSpans', () => {
  const spans = [
    makeSpan({ name: 'GET /orders' }),
    makeSpan({ serviceName: 'Payments', spanId: 'abcdefabcdefabcd' }),
    makeSpan({ attributes: [{ key: 'http.route', value: '/api/Checkout' }] }),
    makeSpan({ attributes: [{ key: 'retries', value: 3 }], events: [{ timeUnixNano: '1', name: 'exception', attributes: [] }] }),
  ]

  it('matches name, service, attribute keys and values, event names and span ids, ignoring case', () => {
    expect(searchSpans(spans, 'orders')).toEqual(new Set([0]))
    expect(searchSpans(spans, 'payments')).toEqual(new Set([1]))
    expect(searchSpans(spans, 'checkout')).toEqual(new Set([2]))
    expect(searchSpans(spans, 'http.ROUTE')).toEqual(new Set([2]))
    expect(searchSpans(spans, '3')).toEqual(new Set([3]))
    expect(searchSpans(spans, 'exception')).toEqual(new Set([3]))
    expect(searchSpans(spans, 'abcdefabcdefabcd')).toEqual(new Set([1]))
  })

  it('matches nothing for an empty query', () => {
    expect(searchSpans(spans, '  ').size).toBe(0)
  })
})

describe('serviceColorIndexes', () => {
  it('numbers services in order of first appearance and wraps around the palette', () => {
    const names = ['web', 'api', 'web', ...Array.from({ length: 10 }, (_, index) => `s${index}`)]
    const colors = serviceColorIndexes(names.map((serviceName) => ({ serviceName })))
    expect(colors.get('web')).toBe(0)
    expect(colors.get('api')).toBe(1)
    expect(colors.get('s8')).toBe(0)
  })
})
