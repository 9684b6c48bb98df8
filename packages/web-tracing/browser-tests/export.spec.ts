import { startCollectorProxy, type CollectorProxy } from './support/collector-proxy.js'
import { expect, fetchTrace, test, waitForTrace, type Page } from './support/fixtures.js'

interface ExportApi {
  burst: (count: number, attributeLength?: number) => string
  flush: () => Promise<void>
  stats: () => { exportedSpans: number; droppedSpans: number; failedSpans: number; queuedSpans: number }
}

const api = <T>(page: Page, run: (test: ExportApi, arg: number[]) => T, arg: number[] = []) =>
  page.evaluate(
    ([source, values]) => new Function('api', 'arg', `return (${source})(api, arg)`)((window as never as { __TEST__: ExportApi }).__TEST__, values),
    [run.toString(), arg] as const,
  ) as Promise<Awaited<T>>

/** The trace holds exactly `count` spans, each once. */
async function expectExactTrace(store: Parameters<typeof waitForTrace>[0], traceId: string, count: number) {
  const trace = await waitForTrace(store, traceId, count)
  const ids = trace.spans.map((span) => span.spanId)
  expect(new Set(ids).size, 'no span stored twice').toBe(ids.length)
  expect(ids.length).toBe(count)
}

test.describe('export under load', () => {
  test('a burst of 2,000 spans with 100-character attributes is stored whole, nothing dropped', async ({ page, servers, openPage }) => {
    await openPage('export-load', { exportDelayMs: 2000 })
    const traceId = await api(page, (t) => t.burst(2000, 100))
    // 2,000 children and their root
    await expectExactTrace(servers.store, traceId, 2001)
    await expect.poll(() => api(page, (t) => t.stats())).toMatchObject({ exportedSpans: 2001, droppedSpans: 0, failedSpans: 0, queuedSpans: 0 })
  })
})

test.describe('delivery when the page goes away', () => {
  const TRIALS = 5

  test('300 queued spans arrive when nothing was exported before', async ({ page, servers, openPage }) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      await openPage('export-load')
      const traceId = await api(page, (t) => t.burst(299, 100))
      await page.goto(`${servers.app.origin}/blank.html`)
      await expectExactTrace(servers.store, traceId, 300)
    }
  })

  test('300 queued spans arrive after an earlier export completed', async ({ page, servers, openPage }) => {
    for (let trial = 0; trial < TRIALS; trial++) {
      await openPage('export-load')
      const earlier = await api(page, async (t) => {
        const traceId = t.burst(199, 100)
        await t.flush()
        return traceId
      })
      const traceId = await api(page, (t) => t.burst(299, 100))
      await page.goto(`${servers.app.origin}/blank.html`)
      await expectExactTrace(servers.store, earlier, 200)
      await expectExactTrace(servers.store, traceId, 300)
    }
  })

  test('500 spans arrive when the page goes away while an export is in flight', async ({ page, servers, openPage }) => {
    const collector = await startCollectorProxy(servers.store)
    try {
      // the collector takes its time, so the first request is still in flight when the page goes
      collector.mode = { kind: 'forward', delayMs: 300 }
      for (let trial = 0; trial < TRIALS; trial++) {
        await openPage('export-load', { endpoint: collector.origin, maxExportBatchSize: 200 })
        const traceId = await api(page, (t) => {
          const id = t.burst(499, 100)
          void t.flush()
          return id
        })
        await page.goto(`${servers.app.origin}/blank.html`)
        await expectExactTrace(servers.store, traceId, 500)
      }
    } finally {
      await collector.close()
    }
  })
})

test.describe('when the collector fails', () => {
  let collector: CollectorProxy
  test.beforeEach(async ({ servers }) => {
    collector = await startCollectorProxy(servers.store)
  })
  test.afterEach(async () => {
    await collector.close()
  })

  test('answering 503 and then 200: every span arrives once it recovers, none twice', async ({ page, servers, openPage }) => {
    collector.mode = { kind: 'status', status: 503, retryAfter: '1' }
    await openPage('export-load', { endpoint: collector.origin, exportDelayMs: 50 })
    const traceId = await api(page, (t) => t.burst(999, 100))
    await expect.poll(() => collector.answered.filter((answer) => answer.status === 503).length).toBeGreaterThanOrEqual(2)
    expect(await fetchTrace(servers.store, traceId)).toBeNull()
    collector.mode = { kind: 'forward', delayMs: 0 }
    await expectExactTrace(servers.store, traceId, 1000)
    await expect.poll(() => api(page, (t) => t.stats())).toMatchObject({ exportedSpans: 1000, droppedSpans: 0, failedSpans: 0, queuedSpans: 0 })
  })

  test('hanging: the app keeps working, and once the collector answers again every span arrives, none twice', async ({ page, servers, openPage }) => {
    collector.mode = { kind: 'hang' }
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await openPage('export-load', { endpoint: collector.origin, exportDelayMs: 50, exportTimeoutMs: 1000 })
    const traceId = await api(page, (t) => t.burst(299, 100))
    await expect.poll(() => collector.answered.length).toBeGreaterThanOrEqual(1)
    // the app's own requests are not held up by the hanging exports
    const status = await page.evaluate((url) => fetch(url).then((response) => response.status), `${servers.api.origin}/api/orders`)
    expect(status).toBe(200)
    collector.mode = { kind: 'forward', delayMs: 0 }
    await expectExactTrace(servers.store, traceId, 300)
    expect(errors).toEqual([])
  })
})
