import { ATTR_ROLLBAR_ITEM_UUID } from '@spanlight/web-tracing/rollbar'
import { attribute, expect, getJson, test, waitForTrace, type Page } from './support/fixtures.js'
import { erroredSpansWithoutUuid, expectLinkedSpan, spansOfService, waitForOccurrence } from './support/rollbar-items.js'

// Every span on which an error is recorded while Rollbar is bridged carries
// `rollbar.item.uuid`, the uuid of the item reported for it.

const call = <T>(page: Page, fn: string, arg: string) =>
  page.evaluate(([name, value]) => (window as never as { __TEST__: Record<string, (value: string) => T> }).__TEST__[name]!(value), [fn, arg] as const)

interface EarlyReport {
  traceId: string
  spanId: string
  flushMs: number
}

/** True for the lazily loaded chunk that holds the rollbar package. */
const isRollbarChunk = (body: string) => body.includes('Rollbar is not enabled')

test.describe('error ↔ Rollbar item link', () => {
  test('reports made before the lazily loaded Rollbar is ready: the span holds the error and the uuid the item is sent with', async ({
    page,
    servers,
    openPage,
  }) => {
    const config = await openPage('rollbar-queued')
    const early = await call<Promise<EarlyReport>>(page, 'reportEarlyAndFlush', 'early failure')
    // the flush covered both errors: their spans are stored without waiting for the export delay (60 s)
    const inSpan = await waitForOccurrence(servers.store, 'early failure in span')
    expect(inSpan.custom).toMatchObject({ trace_id: early.traceId, span_id: early.spanId })
    await expectLinkedSpan(servers.store, inSpan, 'early click')
    const outside = await waitForOccurrence(servers.store, 'early failure outside')
    await expectLinkedSpan(servers.store, outside, 'exception')
    expect(erroredSpansWithoutUuid(await spansOfService(servers.store, config.serviceName))).toEqual([])
  })

  test('uncaught errors and unhandled rejections before the lazily loaded Rollbar is ready are reported once it is, and only once', async ({
    page,
    servers,
    openPage,
  }) => {
    // the rollbar chunk is held back until both errors have happened
    let releaseRollbar!: () => void
    const rollbarHeld = new Promise<void>((resolve) => (releaseRollbar = resolve))
    await page.route('**/assets/chunk-*.js', async (route) => {
      const response = await route.fetch()
      const body = await response.text()
      if (isRollbarChunk(body)) await rollbarHeld
      await route.fulfill({ response, body })
    })
    await openPage('rollbar-queued')
    expect(await call<Promise<{ rollbarReadyBefore: boolean }>>(page, 'failUncaughtEarly', 'early uncaught')).toEqual({ rollbarReadyBefore: false })
    releaseRollbar()
    await call<Promise<void>>(page, 'flush', '')
    const thrown = await waitForOccurrence(servers.store, 'early uncaught thrown')
    await expectLinkedSpan(servers.store, thrown, 'exception')
    const rejected = await waitForOccurrence(servers.store, 'early uncaught rejected')
    await expectLinkedSpan(servers.store, rejected, 'exception')
    // Rollbar's own handlers, installed once it ran, did not report them a second time
    const occurrencesOf = async (title: string) => {
      const { body } = await getJson<{ result: { items: { id: number; total_occurrences: number }[] } }>(
        `${servers.store.url}/api/1/items?q=${encodeURIComponent(title)}`,
      )
      return body.result.items.map((item) => item.total_occurrences)
    }
    expect(await occurrencesOf('early uncaught thrown')).toEqual([1])
    expect(await occurrencesOf('early uncaught rejected')).toEqual([1])
  })

  test('forceFlush waits for a Rollbar that is still loading, but at most 3 s, and still exports the error span', async ({ page, servers, openPage }) => {
    // the rollbar chunk never arrives
    await page.route('**/assets/chunk-*.js', async (route) => {
      const response = await route.fetch()
      const body = await response.text()
      if (!isRollbarChunk(body)) await route.fulfill({ response, body })
    })
    await openPage('rollbar-queued')
    const early = await call<Promise<EarlyReport>>(page, 'reportEarlyAndFlush', 'rollbar never came')
    expect(early.flushMs).toBeGreaterThanOrEqual(2_900)
    expect(early.flushMs).toBeLessThan(10_000)
    const trace = await waitForTrace(servers.store, early.traceId, 1)
    const span = trace.spans.find((candidate) => candidate.spanId === early.spanId)!
    expect(span.events.map((event) => event.name)).toContain('exception')
    expect(attribute(span, ATTR_ROLLBAR_ITEM_UUID)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  test('failed query and mutation runs are reported from their span, which carries the item uuid', async ({ page, servers, openPage }) => {
    const config = await openPage('react-app')
    await page.click('#load-inventory')
    await expect(page.locator('#inventory-state')).toHaveText('inventory failed')
    await page.click('#refund')
    await expect(page.locator('#refund-state')).toHaveText('refund failed')
    await page.click('#explode')
    await expect(page.locator('#fallback')).toBeVisible()
    await expectLinkedSpan(servers.store, await waitForOccurrence(servers.store, 'inventory unavailable'), 'query inventory')
    await expectLinkedSpan(servers.store, await waitForOccurrence(servers.store, 'refund declined'), 'mutation refund')
    await expectLinkedSpan(servers.store, await waitForOccurrence(servers.store, 'widget exploded'), 'react error boundary')
    // and no errored span of the session lacks its uuid
    expect(erroredSpansWithoutUuid(await spansOfService(servers.store, config.serviceName))).toEqual([])
  })
})
