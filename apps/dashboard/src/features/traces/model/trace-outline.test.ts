import { describe, expect, it } from 'vitest'
import type { SpanModel, TraceModel } from './trace-model'
import { spanIndexLookup, traceOutline } from './trace-outline'

const makeSpan = (overrides: Partial<SpanModel>): SpanModel => ({
  spanId: 'a'.repeat(16),
  parentSpanId: null,
  name: 'GET /',
  kind: 'server',
  startTimeUnixNano: '1782036644636668000',
  endTimeUnixNano: '1782036644646668000',
  durationMs: 10,
  status: { code: 'unset', message: '' },
  serviceName: 'api',
  resourceId: 'r0',
  scope: { name: '', version: '' },
  attributes: [{ key: 'http.route', value: '/' }],
  events: [],
  links: [],
  ...overrides,
})

describe('traceOutline', () => {
  const trace: TraceModel = {
    traceId: 'f'.repeat(32),
    startTimeUnixNano: '1782036644636668000',
    endTimeUnixNano: '1782036644656668000',
    durationMs: 20,
    resources: {},
    warnings: [],
    spans: [
      makeSpan({}),
      makeSpan({ spanId: 'b'.repeat(16), parentSpanId: 'a'.repeat(16), startTimeUnixNano: '1782036644646669500', status: { code: 'error', message: 'boom' } }),
    ],
  }

  it('measures start offsets from the trace start without losing ns precision', () => {
    expect(traceOutline(trace).spans.map((span) => span.startOffsetMs)).toEqual([0, 10.0015])
  })

  it('keeps only what a row draws: no attributes, events, links or status message', () => {
    expect(traceOutline(trace).spans[1]).toEqual({
      spanId: 'b'.repeat(16),
      parentSpanId: 'a'.repeat(16),
      name: 'GET /',
      kind: 'server',
      startOffsetMs: 10.0015,
      durationMs: 10,
      status: { code: 'error' },
      serviceName: 'api',
    })
  })
})

describe('spanIndexLookup', () => {
  it('finds the first span with an id and answers -1 for ids not in the trace', () => {
    const indexOf = spanIndexLookup([{ spanId: 'a' }, { spanId: 'b' }, { spanId: 'a' }])
    expect(indexOf('b')).toBe(1)
    expect(indexOf('a')).toBe(0)
    expect(indexOf('c')).toBe(-1)
  })
})
