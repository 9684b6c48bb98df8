import { describe, expect, it } from 'vitest'
import type { ResultValue } from '../../query/model/query-result'
import { routeLoadRows, sessionRows, slowestInteractionRows, vitalLines, vitalRouteRows } from './frontend-tables'
import type { RouteGroup, RouteKey } from './route-tiers'

function group(route: string | null, data: Record<string, ResultValue>, routeKey: RouteKey | null = route === null ? null : 'browser.page.route'): RouteGroup {
  return { route, routeKey, data, exampleTraceIds: [] }
}

const P75 = 'P75(browser.web_vital.value)'
const window = { startSec: 1_000_000, endSec: 1_000_000 + 3600 }
const iso = (sec: number) => new Date(sec * 1000).toISOString()

describe('vitalRouteRows', () => {
  it('puts each vital of a route in its row, rated by its p75', () => {
    const rows = vitalRouteRows([
      group('/b', { 'browser.web_vital.name': 'LCP', [P75]: 4500, COUNT: 4 }),
      group('/a', { 'browser.web_vital.name': 'LCP', [P75]: 3000, COUNT: 4 }),
      group('/a', { 'browser.web_vital.name': 'CLS', [P75]: 0.08, COUNT: 2 }),
    ])
    expect(rows.map((row) => row.route)).toEqual(['/a', '/b'])
    expect(rows[0]!.vitals).toEqual({ LCP: { p75: 3000, count: 4, rating: 'needs-improvement' }, CLS: { p75: 0.08, count: 2, rating: 'good' } })
    expect(rows[1]!.vitals.LCP!.rating).toBe('poor')
  })

  it('reads both spellings of a vital name, and keeps the larger group when a route has both', () => {
    const rows = vitalRouteRows([
      group('/a', { 'browser.web_vital.name': 'lcp', [P75]: 3000, COUNT: 4 }),
      group('/a', { 'browser.web_vital.name': 'LCP', [P75]: 1000, COUNT: 1 }),
      group('/a', { 'browser.web_vital.name': 'INP', [P75]: 90, COUNT: 2 }),
    ])
    expect(rows[0]!.vitals).toEqual({ LCP: { p75: 3000, count: 4, rating: 'needs-improvement' }, INP: { p75: 90, count: 2, rating: 'good' } })
  })

  it('skips groups of another vital name or without a p75', () => {
    const rows = vitalRouteRows([
      group('/a', { 'browser.web_vital.name': 'FID', [P75]: 10, COUNT: 1 }),
      group('/a', { 'browser.web_vital.name': 'LCP', [P75]: null, COUNT: 1 }),
    ])
    expect(rows).toEqual([])
  })
})

describe('vitalLines', () => {
  it('places each p75 in its bucket and leaves buckets without values empty', () => {
    const lines = vitalLines(
      [
        { time: iso(window.startSec + 600), data: { 'browser.web_vital.name': 'INP', [P75]: 350 } },
        { time: iso(window.startSec), data: { 'browser.web_vital.name': 'INP', [P75]: 120 } },
      ],
      window,
      600,
    )
    expect(lines.map((line) => line.vital.name)).toEqual(['INP'])
    expect(lines[0]!.timesMs).toHaveLength(6)
    expect(lines[0]!.values).toEqual([120, 350, null, null, null, null])
  })
})

describe('slowestInteractionRows', () => {
  it("orders by value, keeps the limit, and rates each by Google's thresholds", () => {
    const rows = slowestInteractionRows(
      [
        group('/a', { 'trace.trace_id': 'a'.repeat(32), 'trace.span_id': 'a'.repeat(16), 'MAX(browser.web_vital.value)': 350 }),
        group('/b', {
          'trace.trace_id': 'b'.repeat(32),
          'MAX(browser.web_vital.value)': 900,
          'browser.web_vital.attribution.interaction_target': 'button#pay',
        }),
        group('/c', { 'trace.trace_id': 'c'.repeat(32), 'MAX(browser.web_vital.value)': 100 }),
      ],
      2,
    )
    expect(rows.map((row) => [row.valueMs, row.rating, row.target, row.spanId])).toEqual([
      [900, 'poor', 'button#pay', null],
      [350, 'needs-improvement', null, 'a'.repeat(16)],
    ])
  })
})

describe('routeLoadRows', () => {
  it('joins page loads, navigations and error counts by route; the slowest p75 first', () => {
    const rows = routeLoadRows(
      [group('/a', { 'P75(duration_ms)': 300, 'P95(duration_ms)': 400, COUNT: 4 })],
      [
        group('/a', { 'P75(duration_ms)': 1500, 'P95(duration_ms)': 1500, COUNT: 1 }),
        group('/b', { 'P75(duration_ms)': 2600, 'P95(duration_ms)': 2600, COUNT: 2 }, 'url.template'),
      ],
      [
        group('/a', { error: true, COUNT: 1 }),
        group('/a', { error: null, COUNT: 24 }),
        group('/b', { error: true, COUNT: 2 }, 'url.template'),
        group('/b', { error: null, COUNT: 16 }, 'url.template'),
        group(null, { error: null, COUNT: 3 }),
      ],
    )
    expect(rows.map((row) => [row.route, row.pageLoads?.p75Ms ?? null, row.navigations?.count ?? 0, row.spans, row.errors])).toEqual([
      ['/b', 2600, 0, 18, 2],
      ['/a', 1500, 4, 25, 1],
      [null, null, 0, 3, 0],
    ])
    expect(rows[0]!.errorRate).toBeCloseTo(2 / 18)
    expect(rows[2]!.errorRate).toBe(0)
  })
})

describe('sessionRows', () => {
  it('sums spans and errors per session; first and last seen from its series buckets, the latest session first', () => {
    const rows = sessionRows(
      [
        { data: { 'session.id': 's1', error: null, COUNT: 5 }, exampleTraceIds: [] },
        { data: { 'session.id': 's1', error: true, COUNT: 1 }, exampleTraceIds: [] },
        { data: { 'session.id': 's2', error: null, COUNT: 2 }, exampleTraceIds: [] },
      ],
      [
        { time: iso(window.startSec), data: { 'session.id': 's1', error: null, COUNT: 3 } },
        { time: iso(window.startSec + 60), data: { 'session.id': 's1', error: true, COUNT: 1 } },
        { time: iso(window.startSec + 120), data: { 'session.id': 's2', error: null, COUNT: 2 } },
        // the last bucket's end is the window's end
        { time: iso(window.endSec - 30), data: { 'session.id': 's1', error: null, COUNT: 2 } },
      ],
      window,
      60,
      10,
    )
    expect(rows).toEqual([
      { sessionId: 's1', spans: 6, errors: 1, firstSeenMs: window.startSec * 1000, lastSeenMs: window.endSec * 1000 },
      { sessionId: 's2', spans: 2, errors: 0, firstSeenMs: (window.startSec + 120) * 1000, lastSeenMs: (window.startSec + 180) * 1000 },
    ])
  })

  it('keeps the most recent sessions up to the limit', () => {
    const results = ['s1', 's2', 's3'].map((id) => ({ data: { 'session.id': id, error: null, COUNT: 1 }, exampleTraceIds: [] }))
    const series = ['s1', 's2', 's3'].map((id, index) => ({ time: iso(window.startSec + index * 60), data: { 'session.id': id, error: null, COUNT: 1 } }))
    expect(sessionRows(results, series, window, 60, 2).map((row) => row.sessionId)).toEqual(['s3', 's2'])
  })
})
