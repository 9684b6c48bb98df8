import { describe, expect, it } from 'vitest'
import { formatRelative, formatTimeTick, formatUnixMs, formatUnixNano } from './format'

const NOW = Date.UTC(2026, 11, 7, 15, 0, 0)

describe('formatRelative', () => {
  it.each([
    [NOW - 2_000, 'just now'],
    [NOW - 40_000, '40 s ago'],
    [NOW - 2 * 60_000 - 59_000, '2 min ago'],
    [NOW - 3 * 3_600_000, '3 h ago'],
    [NOW - 5 * 86_400_000, '5 d ago'],
    [NOW - 61 * 86_400_000, '2 mo ago'],
    [NOW - 800 * 86_400_000, '2 y ago'],
    [NOW + 120_000, 'in 2 min'],
  ])('formats %d as "%s"', (ms, text) => {
    expect(formatRelative(ms, NOW)).toBe(text)
  })

  it('answers a dash for a time that is not a number', () => {
    expect(formatRelative(Number.NaN, NOW)).toBe('–')
  })
})

describe('formatUnixMs', () => {
  it('writes UTC times with their zone, whatever the local zone', () => {
    const text = formatUnixMs(NOW, true)
    expect(text).toContain('UTC')
    expect(text).toMatch(/03:00:00\sPM|15:00:00/)
  })

  it('reads unix ns strings without losing precision to a number', () => {
    expect(formatUnixNano(`${NOW}123456`, true)).toBe(formatUnixMs(NOW, true))
  })

  it('answers a dash for an invalid time', () => {
    expect(formatUnixMs(Number.NaN)).toBe('–')
  })
})

describe('formatTimeTick', () => {
  it('shows as much of a round time as its axis needs', () => {
    expect(formatTimeTick(NOW + 30_000, 'second', true)).toBe('15:00:30')
    expect(formatTimeTick(NOW, 'minute', true)).toBe('15:00')
    expect(formatTimeTick(NOW, 'day', true)).toMatch(/Dec 7|7 Dec/)
  })
})
