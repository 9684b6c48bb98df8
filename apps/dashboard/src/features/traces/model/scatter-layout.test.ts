import { describe, expect, it } from 'vitest'
import { scatterLayout } from './scatter-layout'
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
const BOX = { width: 120, height: 70, padLeft: 10, padRight: 10, padTop: 10, padBottom: 10 }

describe('scatterLayout', () => {
  it('puts the earliest trace left, the latest right, the longest at the top and zero at the bottom', () => {
    const layout = scatterLayout(
      [
        makeSummary({ traceId: 'first', startTimeUnixNano: '1000000000', durationMs: 0 }),
        makeSummary({ traceId: 'last', startTimeUnixNano: '2000000000', durationMs: 40, errorCount: 1 }),
      ],
      BOX,
    )
    expect(layout.points.map((point) => [point.traceId, point.x, point.y, point.error])).toEqual([
      ['first', 10, 60, false],
      ['last', 110, 10, true],
    ])
    expect([layout.startMs, layout.endMs, layout.maxDurationMs]).toEqual([1000, 2000, 40])
  })

  it('centres a single trace and handles none', () => {
    expect(scatterLayout([makeSummary({})], BOX).points[0]!.x).toBe(60)
    expect(scatterLayout([], BOX).points).toEqual([])
  })
})
