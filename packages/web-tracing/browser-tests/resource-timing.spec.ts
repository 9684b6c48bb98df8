import { attribute, expect, test, waitForTrace } from './support/fixtures.js'

interface FetchInSpanResult {
  traceId: string
  results: { status: number }[]
}

interface ObserverCounts {
  resourceObservers: number
}

test.describe('resource timing of fetch spans', () => {
  test('gives each of many concurrent fetches its network timing through one PerformanceObserver', async ({ page, servers, openPage }) => {
    // count the observers that watch resource entries (instrumentation-fetch alone opens one per fetch)
    await page.addInitScript(() => {
      const counts: ObserverCounts = { resourceObservers: 0 }
      ;(window as never as { __observers: ObserverCounts }).__observers = counts
      const Original = window.PerformanceObserver
      window.PerformanceObserver = class extends Original {
        override observe(options?: PerformanceObserverInit): void {
          if (options?.type === 'resource' || options?.entryTypes?.includes('resource')) counts.resourceObservers++
          super.observe(options)
        }
      }
    })
    await openPage('tracing')
    const observersBefore = await page.evaluate(() => (window as never as { __observers: ObserverCounts }).__observers.resourceObservers)
    const urls = [
      ...Array.from({ length: 12 }, (_, index) => `${servers.api.origin}/api/items/${index}`),
      ...Array.from({ length: 4 }, () => `${servers.api.origin}/api/same`),
    ]
    const result = await page.evaluate(
      (requests) =>
        (window as never as { __TEST__: { fetchInSpan: (n: string, r: unknown[]) => Promise<FetchInSpanResult> } }).__TEST__.fetchInSpan(
          'load list',
          requests.map((url) => ({ url })),
        ),
      urls,
    )
    expect(result.results.map((entry) => entry.status)).toEqual(urls.map(() => 200))
    const observersAfter = await page.evaluate(() => (window as never as { __observers: ObserverCounts }).__observers.resourceObservers)
    expect(observersAfter - observersBefore).toBe(1)

    const trace = await waitForTrace(servers.store, result.traceId, 1 + urls.length)
    const fetchSpans = trace.spans.filter((span) => span.kind === 3)
    expect(fetchSpans).toHaveLength(urls.length)
    // every fetch to its own URL has the network events of its own resource entry, inside the span
    for (let index = 0; index < 12; index++) {
      const span = fetchSpans.find((candidate) => attribute(candidate, 'url.full') === `${servers.api.origin}/api/items/${index}`)!
      const names = span.events.map((event) => event.name)
      // cross-origin without Timing-Allow-Origin: the browser gives only the start and end
      expect(names).toEqual(expect.arrayContaining(['fetchStart', 'responseEnd']))
      const eventTime = (name: string) => BigInt(span.events.find((event) => event.name === name)!.timeUnixNano)
      expect(eventTime('fetchStart')).toBeGreaterThanOrEqual(BigInt(span.startTimeUnixNano))
      expect(eventTime('responseEnd')).toBeLessThanOrEqual(BigInt(span.endTimeUnixNano))
    }
    // fetches to one URL each find an entry too
    const sameUrlSpans = fetchSpans.filter((span) => attribute(span, 'url.full') === `${servers.api.origin}/api/same`)
    expect(sameUrlSpans).toHaveLength(4)
    for (const span of sameUrlSpans) expect(span.events.map((event) => event.name)).toContain('responseEnd')
  })
})
