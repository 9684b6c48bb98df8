import { describe, expect, it } from 'vitest'
import type { SpanModel, TraceModel } from '../../traces/model/trace-model'
import { eventOffsetMs, rowName, spanMarks, urlPath } from './span-marks'

const makeSpan = (overrides: Partial<SpanModel>): SpanModel => ({
  spanId: 'a1',
  parentSpanId: null,
  name: 'GET',
  kind: 'client',
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000100000000',
  durationMs: 100,
  status: { code: 'unset', message: '' },
  serviceName: 'web',
  resourceId: '0',
  scope: { name: '', version: '' },
  attributes: [],
  events: [],
  links: [],
  ...overrides,
})

describe('rowName', () => {
  it('adds the path, never the query string, to a client span named only with its method', () => {
    expect(rowName('GET', 'client', [{ key: 'url.full', value: 'https://api.example/cart/items?email=a@b.c#x' }])).toBe('GET /cart/items')
    expect(rowName('POST', 'client', [{ key: 'http.url', value: '/api/checkout?token=secret' }])).toBe('POST /api/checkout')
  })

  it('keeps other names: server spans, named spans, no URL', () => {
    expect(rowName('GET', 'server', [{ key: 'url.full', value: 'https://a/b' }])).toBe('GET')
    expect(rowName('GET /cart', 'client', [{ key: 'url.full', value: 'https://a/b' }])).toBe('GET /cart')
    expect(rowName('GET', 'client', [])).toBe('GET')
    expect(rowName('GET', 'client', [{ key: 'url.full', value: 42 }])).toBe('GET')
  })

  it('reads paths of absolute and relative URLs', () => {
    expect(urlPath('https://a.example')).toBe('/')
    expect(urlPath('/x/y?z=1')).toBe('/x/y')
    expect(urlPath('')).toBe('/')
  })
})

describe('spanMarks', () => {
  it('lists renamed rows and event offsets, exceptions flagged', () => {
    const trace = {
      spans: [
        makeSpan({ attributes: [{ key: 'url.full', value: 'https://a/cart?id=1' }] }),
        makeSpan({
          spanId: 'b2',
          name: 'render',
          kind: 'internal',
          events: [
            { timeUnixNano: '1700000000012300000', name: 'mark', attributes: [] },
            { timeUnixNano: '1700000000050000000', name: 'exception', attributes: [] },
          ],
        }),
      ],
    } as unknown as TraceModel
    expect(spanMarks(trace)).toEqual({ names: { a1: 'GET /cart' }, events: { b2: [12.3, 0, 50, 1] } })
  })

  it('measures events before the span as negative offsets', () => {
    expect(eventOffsetMs('1700000000010000000', '1700000000009500000')).toBe(-0.5)
  })
})
