import { describe, expect, it } from 'vitest'
import { formatVitalValue, rateVital, vitalDefinition, WEB_VITALS } from './web-vitals'

const vital = (name: string) => vitalDefinition(name)!

describe('rateVital', () => {
  it.each([
    ['LCP', 2500, 'good'],
    ['LCP', 2501, 'needs-improvement'],
    ['LCP', 4000, 'needs-improvement'],
    ['LCP', 4001, 'poor'],
    ['INP', 200, 'good'],
    ['INP', 500, 'needs-improvement'],
    ['INP', 501, 'poor'],
    ['CLS', 0.1, 'good'],
    ['CLS', 0.25, 'needs-improvement'],
    ['CLS', 0.26, 'poor'],
    ['FCP', 1800, 'good'],
    ['FCP', 3001, 'poor'],
    ['TTFB', 800, 'good'],
    ['TTFB', 1800, 'needs-improvement'],
    ['TTFB', 1801, 'poor'],
  ])('rates %s %d as %s: a value on a threshold belongs to the better side', (name, value, rating) => {
    expect(rateVital(vital(name), value)).toBe(rating)
  })
})

describe('the web vitals', () => {
  it('are the five Google publishes thresholds for, in a fixed order', () => {
    expect(WEB_VITALS.map((each) => each.name)).toEqual(['LCP', 'INP', 'CLS', 'FCP', 'TTFB'])
  })

  it("reads a vital's name in the browser package's lower case and in web-vitals' upper case", () => {
    expect(vitalDefinition('lcp')?.name).toBe('LCP')
    expect(vitalDefinition('TTFB')?.name).toBe('TTFB')
    expect(vitalDefinition('fid')).toBeUndefined()
  })

  it('formats milliseconds whole with separators and CLS to three decimals', () => {
    expect(formatVitalValue(vital('LCP'), 4499.6)).toBe('4,500 ms')
    expect(formatVitalValue(vital('CLS'), 0.08)).toBe('0.080')
  })
})
