import { describe, expect, it } from 'vitest'
import { brushToTimeRange, durationTicks, pointsNear, scatterLayout, timeTicks } from './scatter-layout'
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
// plot area: x 10…110, y 10…60
const BOX = { width: 120, height: 70, padLeft: 10, padRight: 10, padTop: 10, padBottom: 10 }
const MINUTE = 60_000

describe('scatterLayout', () => {
  it('puts earlier traces left, later right, on a log duration axis spanning whole decades', () => {
    const layout = scatterLayout(
      [
        makeSummary({ traceId: 'first', startTimeUnixNano: '1000000000000', durationMs: 1 }),
        makeSummary({ traceId: 'last', startTimeUnixNano: '1100000000000', durationMs: 1000, errorCount: 1 }),
      ],
      BOX,
    )
    const [first, last] = layout.points
    expect([layout.minDurationMs, layout.maxDurationMs]).toEqual([1, 1000])
    expect(first!.x).toBeLessThan(last!.x)
    expect(first!.y).toBeCloseTo(60)
    expect(last!.y).toBeCloseTo(10)
    expect([first!.error, last!.error]).toEqual([false, true])
    // 3% margins keep the edge points inside the plot
    expect(first!.x).toBeCloseTo(10 + 100 * (3 / 106))
    expect(layout.durationTicks).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
  })

  it('draws a zero duration at the bottom rather than at minus infinity', () => {
    const layout = scatterLayout([makeSummary({ durationMs: 0 }), makeSummary({ traceId: 'b', durationMs: 5 })], BOX)
    expect(layout.points[0]!.y).toBeCloseTo(60)
    expect(layout.minDurationMs).toBeCloseTo(0.01)
  })

  it('centres a single trace, gives it a decade of its own, and handles none', () => {
    const layout = scatterLayout([makeSummary({ durationMs: 10 })], BOX)
    expect(layout.points[0]!.x).toBeCloseTo(60)
    expect([layout.minDurationMs, layout.maxDurationMs]).toEqual([10, 100])
    expect(scatterLayout([], BOX).points).toEqual([])
  })

  it('lays out 500 traces quickly', () => {
    const traces = Array.from({ length: 500 }, (_, index) =>
      makeSummary({ traceId: String(index), startTimeUnixNano: `${1_000_000 + index * 997}000000`, durationMs: (index * 37) % 4000 }),
    )
    const started = performance.now()
    const layout = scatterLayout(traces, { ...BOX, width: 1200, height: 260 })
    expect(layout.points).toHaveLength(500)
    expect(performance.now() - started).toBeLessThan(50)
  })
})

describe('timeTicks', () => {
  it('picks round minutes for an hour', () => {
    const start = Date.UTC(2026, 0, 1, 10, 0, 30)
    const ticks = timeTicks(start, start + 60 * MINUTE, 8)
    expect(ticks.precision).toBe('minute')
    expect(ticks.values[0]).toBe(Date.UTC(2026, 0, 1, 10, 10))
    expect(ticks.values.every((tick, index) => index === 0 || tick - ticks.values[index - 1]! === 10 * MINUTE)).toBe(true)
    expect(ticks.values.length).toBeLessThanOrEqual(8)
  })

  it('labels seconds when the range is short and days when it is long', () => {
    expect(timeTicks(0, 20_000, 5).precision).toBe('second')
    expect(timeTicks(0, 10 * 86_400_000, 5).precision).toBe('day')
  })

  it('gives no ticks for an empty range', () => {
    expect(timeTicks(5, 5, 4).values).toEqual([])
  })
})

describe('durationTicks', () => {
  it('adds 2× and 5× steps to narrow ranges only', () => {
    expect(durationTicks(0, 1)).toEqual([1, 2, 5, 10])
    expect(durationTicks(-1, 4)).toEqual([0.1, 1, 10, 100, 1000, 10000])
  })
})

describe('pointsNear', () => {
  it('finds every point under the pointer, nearest first, even when they overlap exactly', () => {
    const point = (traceId: string, x: number, y: number) => ({ traceId, x, y, error: false, label: traceId, startMs: 0, durationMs: 0 })
    const points = [point('far', 40, 40), point('a', 12, 10), point('b', 10, 10), point('c', 10, 10)]
    expect(pointsNear(points, 10, 10, 6).map((found) => found.traceId)).toEqual(['b', 'c', 'a'])
  })
})

describe('brushToTimeRange', () => {
  const layout = { startMs: 1_000, endMs: 2_000 }

  it('turns a drag in either direction into the time range under it, widened to whole ms', () => {
    expect(brushToTimeRange(layout, BOX, 35, 85)).toEqual({ fromMs: 1250, toMs: 1750 })
    expect(brushToTimeRange(layout, BOX, 85, 35)).toEqual({ fromMs: 1250, toMs: 1750 })
    expect(brushToTimeRange(layout, BOX, 35.5, 85.5)).toEqual({ fromMs: 1255, toMs: 1755 })
  })

  it('clamps a drag past the axes to the plot', () => {
    expect(brushToTimeRange(layout, BOX, 0, 500)).toEqual({ fromMs: 1000, toMs: 2000 })
  })

  it('treats a drag narrower than a few px as a click', () => {
    expect(brushToTimeRange(layout, BOX, 50, 52)).toBeNull()
  })
})
