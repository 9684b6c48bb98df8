import { describe, expect, it } from 'vitest'
import { defaultGranularitySec, resolveQueryTime } from './query-time.js'

const NOW_MS = Date.UTC(2026, 0, 15, 12, 0, 0, 999)
const NOW_SEC = Math.floor(NOW_MS / 1000)

describe('resolveQueryTime', () => {
  it('ends a relative range at the whole second before now, so it can be written back in seconds', () => {
    expect(resolveQueryTime({ time_range: 60 }, NOW_MS)).toEqual({
      startMs: (NOW_SEC - 60) * 1000,
      endMs: NOW_SEC * 1000,
      relativeToNow: true,
      granularityMs: 1000,
    })
  })

  it('puts the range before end_time, or after start_time', () => {
    expect(resolveQueryTime({ end_time: 10_000, time_range: 600 }, NOW_MS)).toMatchObject({ startMs: 9_400_000, endMs: 10_000_000, relativeToNow: false })
    expect(resolveQueryTime({ start_time: 10_000, time_range: 600 }, NOW_MS)).toMatchObject({ startMs: 10_000_000, endMs: 10_600_000, relativeToNow: false })
  })

  it('clips a range that reaches before 1970 or past 2262 to what the store holds', () => {
    expect(resolveQueryTime({ time_range: 9_000_000_000 }, NOW_MS)).toMatchObject({ startMs: 0, endMs: NOW_SEC * 1000 })
    expect(resolveQueryTime({ start_time: 9_223_372_000, time_range: 3600 }, NOW_MS)).toMatchObject({ endMs: 9_223_372_036_000 })
  })

  it('accepts granularities from range/1000 to the whole range', () => {
    expect(resolveQueryTime({ time_range: 3600, granularity: 4 }, NOW_MS).granularityMs).toBe(4000)
    expect(resolveQueryTime({ time_range: 3600, granularity: 3600 }, NOW_MS).granularityMs).toBe(3_600_000)
    expect(() => resolveQueryTime({ time_range: 3600, granularity: 3 }, NOW_MS)).toThrow(/^granularity: /)
  })
})

describe('defaultGranularitySec', () => {
  it('picks the smallest round step that gives at most 200 buckets', () => {
    expect([30, 600, 3600, 7200, 86_400, 604_800].map(defaultGranularitySec)).toEqual([1, 5, 30, 60, 600, 3600])
  })

  it('steps in whole days past the largest round step', () => {
    expect(defaultGranularitySec(200 * 86_400 + 1)).toBe(2 * 86_400)
  })
})
