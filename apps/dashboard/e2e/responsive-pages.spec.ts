import { expect, test, type Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { postRollbarReport, postTraces, randomHex } from './post-to-store'
import { waitForStore } from './seed'

// Every page outside the waterfall fits a phone (360 and 390 px) and a desktop (1,440 px) without scrolling sideways,
// with a 200-character span name, a 200-character Rollbar title and a long session id in the data.

const runId = randomHex(8)
const service = `e2e-wide-${runId}`
/** no space to break at: the worst case for a table cell */
const LONG_NAME = `GET /api/orders/${'segment-'.repeat(30)}`.slice(0, 200)
const LONG_MESSAGE = `checkout failed ${runId} ${'while-recomputing-the-cart-total-'.repeat(6)}`.slice(0, 200)
const sessionId = `session-${runId}-${'abcdef0123456789'.repeat(3)}`
const traceId = randomHex(16)
const spanId = randomHex(8)
let itemId = 0

const noSideScroll = async (page: Page) => {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }))
  expect(scrollWidth, `page width ${scrollWidth} px at a ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth)
}

test.beforeAll(async () => {
  await postTraces([
    {
      traceId,
      spanId,
      service,
      name: LONG_NAME,
      startMs: Date.now(),
      durationMs: 120,
      error: true,
      attributes: { 'session.id': sessionId },
    },
  ])
  await postRollbarReport({
    message: LONG_MESSAGE,
    uuid: randomUUID(),
    timestampSec: Math.floor(Date.now() / 1000),
    custom: { trace_id: traceId, span_id: spanId, session_id: sessionId },
  })
  await waitForStore<{ traces: unknown[] }>(`/api/traces?service=${service}`, (body) => body.traces.length === 1)
  const items = await waitForStore<{ result: { items: { id: number; title: string }[] } }>(`/api/1/items?q=${runId}`, (body) => body.result.items.length === 1)
  itemId = items.result.items[0]!.id
})

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
  { width: 360, height: 740 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport })

    test('the overview fits, the long span name and title cut with their full text on hover', async ({ page }) => {
      await page.goto('/')
      const traceLink = page.locator(`#recent-traces ~ * [data-trace-id="${traceId}"] a[href="/traces/${traceId}"]`).first()
      await expect(traceLink).toBeVisible()
      await expect(traceLink).toHaveAttribute('title', `${service}: ${LONG_NAME}`)
      // cut, not wrapped over several lines and not widening its column
      expect(await traceLink.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true)
      const itemLink = page.locator(`a[href="/errors/${itemId}"]`).first()
      await expect(itemLink).toHaveAttribute('title', `TypeError: ${LONG_MESSAGE}`)
      await noSideScroll(page)
      if (viewport.width >= 1000) {
        // side by side, the traces panel ends before the Rollbar panel starts
        const tracesPanel = await page.locator('section[aria-labelledby="recent-traces"]').boundingBox()
        const itemsPanel = await page.locator('section[aria-labelledby="recent-items"]').boundingBox()
        expect(tracesPanel!.x + tracesPanel!.width).toBeLessThanOrEqual(itemsPanel!.x)
        const table = await page.locator('section[aria-labelledby="recent-traces"] table').boundingBox()
        expect(table!.x + table!.width).toBeLessThanOrEqual(tracesPanel!.x + tracesPanel!.width)
      }
    })

    test('the trace list and its search form fit', async ({ page }) => {
      await page.goto(`/traces?service=${service}`)
      await expect(page.locator(`[data-trace-id="${traceId}"] a`).first()).toHaveAttribute('title', `${service}: ${LONG_NAME}`)
      await expect(page.getByTestId('trace-scatter')).toBeVisible()
      await noSideScroll(page)
      // the scatter plot stays tall enough to read and pick from
      expect((await page.getByTestId('trace-scatter').boundingBox())!.height).toBeGreaterThanOrEqual(200)
    })

    test('the Rollbar items list fits; a wide table scrolls in its own box', async ({ page }) => {
      await page.goto(`/errors?q=${runId}`)
      await expect(page.locator(`a[href="/errors/${itemId}"]`)).toHaveAttribute('title', `TypeError: ${LONG_MESSAGE}`)
      await noSideScroll(page)
    })

    test('an item page fits', async ({ page }) => {
      await page.goto(`/errors/${itemId}`)
      await expect(page.getByRole('heading', { level: 1 })).toContainText(LONG_MESSAGE.slice(0, 40))
      await expect(page.getByTestId('occurrence').first()).toBeVisible()
      await noSideScroll(page)
    })

    test('a session page fits', async ({ page }) => {
      await page.goto(`/sessions/${sessionId}`)
      await expect(page.getByTestId('session-timeline')).toBeVisible()
      await expect(page.getByTestId('session-occurrences')).toBeVisible()
      await noSideScroll(page)
    })

    test('the lookup page fits', async ({ page }) => {
      // a well-formed occurrence uuid that nothing carries: "Not found"
      await page.goto(`/lookup?q=${randomUUID()}`)
      await expect(page.getByTestId('lookup-message')).toBeVisible()
      await noSideScroll(page)
      await page.goto(`/lookup?q=${'not-an-id-'.repeat(20)}`)
      await expect(page.getByTestId('lookup-message')).toBeVisible()
      await noSideScroll(page)
    })
  })
}
