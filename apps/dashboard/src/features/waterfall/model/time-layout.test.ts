import { describe, expect, it } from 'vitest'
import { barGeometry, formatDuration, timeTicks } from './time-layout'

describe('time layout', () => {
  it('places bars as fractions of the trace and keeps them inside the axis', () => {
    expect(barGeometry(25, 50, 100)).toEqual({ left: 0.25, width: 0.5 })
    expect(barGeometry(90, 50, 100)).toEqual({ left: 0.9, width: expect.closeTo(0.1, 10) })
    expect(barGeometry(-5, 10, 100).left).toBe(0)
    expect(barGeometry(0, 0, 0)).toEqual({ left: 0, width: 1 })
  })

  it('puts ticks at round steps from zero', () => {
    expect(timeTicks(1000, 5).map((tick) => tick.label)).toEqual(['0ms', '200ms', '400ms', '600ms', '800ms', '1s'])
    expect(timeTicks(0.75, 3).map((tick) => tick.offsetMs)).toEqual([0, 0.5])
    expect(timeTicks(0)).toHaveLength(1)
  })

  it('formats durations in the unit that reads best', () => {
    expect(formatDuration(0.25)).toBe('250µs')
    expect(formatDuration(1.5)).toBe('1.5ms')
    expect(formatDuration(12.345)).toBe('12.35ms')
    expect(formatDuration(250)).toBe('250ms')
    expect(formatDuration(1234)).toBe('1.23s')
    expect(formatDuration(125_000)).toBe('2m 5s')
    expect(formatDuration(120_000)).toBe('2m')
  })
})
