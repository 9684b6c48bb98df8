import { describe, expect, it } from 'vitest'
import { parseTraceSort, sortTraces, type TraceSort } from './sort-traces'
import type { TraceSummary } from './trace-model'

const makeSummary = (overrides: Partial<TraceSummary>): TraceSummary => ({
  traceId: 'a'.repeat(32),
  rootServiceName: 'api',
  rootSpanName: 'GET',
  startTimeUnixNano: '1000000000',
  durationMs: 10,
  spanCount: 1,
  errorCount: 0,
  services: [],
  ...overrides,
})

// oldest → newest: old (long, few spans), mid (many spans, errors), new (short), unknown (counts not reported)
const TRACES = [
  makeSummary({ traceId: 'old', startTimeUnixNano: '1000000000', durationMs: 900, spanCount: 3, errorCount: 0 }),
  makeSummary({ traceId: 'mid', startTimeUnixNano: '2000000000', durationMs: 50, spanCount: 40, errorCount: 2 }),
  makeSummary({ traceId: 'new', startTimeUnixNano: '3000000000', durationMs: 5, spanCount: 2, errorCount: 1 }),
  makeSummary({ traceId: 'unknown', startTimeUnixNano: '2500000000', durationMs: 7, spanCount: null, errorCount: null }),
]
const order = (sort: TraceSort) => sortTraces(TRACES, sort).map((trace) => trace.traceId)

describe('sortTraces', () => {
  it('puts the newest first by default', () => {
    expect(order('start')).toEqual(['new', 'unknown', 'mid', 'old'])
  })

  it('puts the longest first', () => {
    expect(order('duration')).toEqual(['old', 'mid', 'unknown', 'new'])
  })

  it('puts the most spans first and unknown counts last', () => {
    expect(order('spans')).toEqual(['mid', 'old', 'new', 'unknown'])
  })

  it('puts the most errors first, ties newest first', () => {
    const tied = [...TRACES, makeSummary({ traceId: 'newer-one-error', startTimeUnixNano: '4000000000', errorCount: 1 })]
    expect(sortTraces(tied, 'errors').map((trace) => trace.traceId)).toEqual(['mid', 'newer-one-error', 'new', 'old', 'unknown'])
  })

  it('leaves its input alone', () => {
    const before = TRACES.map((trace) => trace.traceId)
    sortTraces(TRACES, 'duration')
    expect(TRACES.map((trace) => trace.traceId)).toEqual(before)
  })
})

describe('parseTraceSort', () => {
  it('reads a known sort and falls back to start for anything else', () => {
    expect(parseTraceSort('errors')).toBe('errors')
    expect(parseTraceSort('__proto__')).toBe('start')
    expect(parseTraceSort(null)).toBe('start')
  })
})
