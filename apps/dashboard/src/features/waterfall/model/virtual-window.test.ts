import { describe, expect, it } from 'vitest'
import { moveSelection, scrollToReveal, virtualWindow } from './virtual-window'

describe('virtualWindow', () => {
  it('renders the rows in view plus the overscan', () => {
    expect(virtualWindow({ scrollTop: 240, viewportHeight: 240, rowHeight: 24, rowCount: 10_000, overscan: 5 })).toEqual({
      first: 5,
      last: 25,
      offsetTop: 120,
      totalHeight: 240_000,
    })
  })

  it('clamps at both ends and handles an empty list', () => {
    expect(virtualWindow({ scrollTop: 0, viewportHeight: 100, rowHeight: 24, rowCount: 3, overscan: 5 })).toMatchObject({ first: 0, last: 3 })
    expect(virtualWindow({ scrollTop: 1e9, viewportHeight: 240, rowHeight: 24, rowCount: 100, overscan: 2 })).toMatchObject({ first: 88, last: 100 })
    expect(virtualWindow({ scrollTop: 0, viewportHeight: 100, rowHeight: 24, rowCount: 0, overscan: 5 })).toEqual({
      first: 0,
      last: 0,
      offsetTop: 0,
      totalHeight: 0,
    })
  })

  it('renders a bounded number of rows however long the trace', () => {
    const view = virtualWindow({ scrollTop: 123_456, viewportHeight: 600, rowHeight: 24, rowCount: 100_000, overscan: 12 })
    expect(view.last - view.first).toBeLessThanOrEqual(600 / 24 + 1 + 24)
  })
})

describe('keyboard movement', () => {
  it('moves by one, by a page and to the ends, clamped', () => {
    expect(moveSelection(0, 'ArrowUp', 10, 4)).toBe(0)
    expect(moveSelection(0, 'ArrowDown', 10, 4)).toBe(1)
    expect(moveSelection(8, 'PageDown', 10, 4)).toBe(9)
    expect(moveSelection(5, 'PageUp', 10, 4)).toBe(1)
    expect(moveSelection(5, 'Home', 10, 4)).toBe(0)
    expect(moveSelection(5, 'End', 10, 4)).toBe(9)
    expect(moveSelection(0, 'ArrowDown', 0, 4)).toBe(-1)
  })

  it('scrolls only when the row is out of view', () => {
    expect(scrollToReveal(10, 0, 240, 24)).toBe(24)
    expect(scrollToReveal(2, 240, 240, 24)).toBe(48)
    expect(scrollToReveal(5, 0, 240, 24)).toBeNull()
  })
})
