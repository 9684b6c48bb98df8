import { describe, expect, it } from 'vitest'
import { createFrameBudget } from './frame-budget.js'

describe('createFrameBudget', () => {
  it('keeps the first frames of a minute up to the limit, and makes room as frames leave the minute', () => {
    const allow = createFrameBudget(2)
    expect([1_000, 2_000, 3_000].map(allow)).toEqual([true, true, false])
    // 61 s: the frame of 1 s is more than a minute old
    expect(allow(61_000)).toBe(true)
    expect(allow(61_500)).toBe(false)
    expect(allow(62_000)).toBe(true)
  })

  it('does not count the frames it refused', () => {
    const allow = createFrameBudget(1)
    expect([0, 30_000, 59_999].map(allow)).toEqual([true, false, false])
    expect(allow(60_000)).toBe(true)
  })
})
