import { describe, expect, it } from 'vitest'
import type { OccurrenceRef } from '../../errors/model/rollbar-lookups'
import type { TraceSummary } from '../../traces/model/trace-model'
import { sessionTimeline } from './session-timeline'

const T0_MS = 1_782_036_000_000
function makeTrace(traceId: string, startOffsetMs: number, durationMs: number): TraceSummary {
  return {
    traceId,
    rootServiceName: 'web',
    rootSpanName: 'click',
    startTimeUnixNano: String(BigInt(T0_MS + startOffsetMs) * 1_000_000n),
    durationMs,
    spanCount: 1,
    errorCount: 0,
    services: [],
  }
}
function makeOccurrence(occurrenceId: number, offsetSec: number): OccurrenceRef {
  return { itemId: 1, title: 'boom', level: 'error', occurrenceId, uuid: null, timestampSec: T0_MS / 1000 + offsetSec, traceId: null, spanId: null }
}

describe('sessionTimeline', () => {
  it('spans from the first trace start to the last end or occurrence, traces by start, occurrences by time', () => {
    //  0s        2s   3s         10s
    //  [a-----]       |occ 2     |occ 1
    //       [b 1s]
    const layout = sessionTimeline([makeTrace('b', 1000, 1000), makeTrace('a', 0, 2000)], [makeOccurrence(1, 10), makeOccurrence(2, 3)])
    expect(layout.startMs).toBe(T0_MS)
    expect(layout.durationMs).toBe(10_000)
    expect(layout.bars.map((bar) => [bar.trace.traceId, bar.left, bar.width])).toEqual([
      ['a', 0, 0.2],
      ['b', 0.1, 0.1],
    ])
    expect(layout.markers.map((marker) => [marker.occurrence.occurrenceId, marker.left])).toEqual([
      [2, 0.3],
      [1, 1],
    ])
    expect(layout.ticks.at(-1)).toMatchObject({ offsetMs: 10_000, fraction: 1 })
  })

  it('starts before the first trace when an occurrence came first', () => {
    const layout = sessionTimeline([makeTrace('a', 4000, 1000)], [makeOccurrence(1, 0)])
    expect(layout.bars[0]!.left).toBe(0.8)
    expect(layout.bars[0]!.width).toBeCloseTo(0.2, 9)
    expect(layout.markers[0]!.left).toBe(0)
  })

  it('is empty without traces or occurrences, and one point is at the start', () => {
    expect(sessionTimeline([], [])).toMatchObject({ bars: [], markers: [], durationMs: 0 })
    expect(sessionTimeline([], [makeOccurrence(1, 0)]).markers[0]!.left).toBe(0)
  })
})
