import { describe, expect, it } from 'vitest'
import { FRONTEND_RANGES, parseFrontendParams, timeWindow } from './frontend-params'

describe('parseFrontendParams', () => {
  it('reads the service and the range from the URL', () => {
    expect(parseFrontendParams({ service: ' shop-web ', range: '1h' })).toEqual({ service: 'shop-web', range: FRONTEND_RANGES[0] })
  })

  it('falls back to picking a service and the last 24 hours', () => {
    const params = parseFrontendParams({ service: '', range: 'forever' })
    expect(params.service).toBeNull()
    expect(params.range.id).toBe('24h')
    expect(parseFrontendParams({ service: 'x'.repeat(257) }).service).toBeNull()
  })
})

describe('timeWindow', () => {
  it('ends after the current second, so spans of this second count', () => {
    expect(timeWindow(FRONTEND_RANGES[0]!, 1_000_500)).toEqual({ startSec: 1001 - 3600, endSec: 1001 })
  })

  it('gives every range a number of buckets the engine takes (1 to 1,000)', () => {
    for (const range of FRONTEND_RANGES) {
      for (const granularitySec of [range.chartGranularitySec, range.sessionGranularitySec]) {
        const buckets = range.rangeSec / granularitySec
        expect(buckets).toBeGreaterThanOrEqual(1)
        expect(buckets).toBeLessThanOrEqual(1000)
      }
    }
  })
})
