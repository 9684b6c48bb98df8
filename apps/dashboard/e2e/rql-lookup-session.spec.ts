import { expect, test, type Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { postRollbarReport, postTraces, randomHex, type SeedTrace } from './post-to-store'
import { waitForStore } from './seed'

// What needs the store's RQL (POST /api/1/rql/jobs): trace → items for an error that recurs, the lookup box's
// uuid and span id, and the session page's occurrences.

const lookupBox = (page: Page) => page.getByRole('searchbox', { name: 'Trace id, traceparent, span id or occurrence uuid' })

test.describe('an error repeated for 50 traces', () => {
  const runId = randomHex(8)
  const message = `repeated checkout failure ${runId}`
  const title = `TypeError: ${message}`
  const nowMs = Date.now()
  // oldest first: trace 0 and its occurrence are the oldest, far behind the newest 20 occurrences of the item
  const traces: SeedTrace[] = Array.from({ length: 50 }, (_, index) => ({
    traceId: randomHex(16),
    spanId: randomHex(8),
    service: `e2e-repeat-${runId}`,
    name: `checkout ${index}`,
    startMs: nowMs - 120_000 + index * 1000,
    durationMs: 40,
    error: true,
  }))
  const uuids = traces.map(() => randomUUID())

  test.beforeAll(async () => {
    await postTraces(traces)
    for (const [index, trace] of traces.entries()) {
      await postRollbarReport({
        message,
        uuid: uuids[index]!,
        timestampSec: Math.floor(trace.startMs / 1000),
        custom: { trace_id: trace.traceId, span_id: trace.spanId },
      })
    }
    await waitForStore<{ traces: unknown[] }>(`/api/traces?service=${traces[0]!.service}&limit=100`, (body) => body.traces.length === 50)
    await waitForStore<{ result: { items: { title: string; total_occurrences: number }[] } }>(`/api/1/items?q=${runId}`, (body) =>
      body.result.items.some((item) => item.title === title && item.total_occurrences === 50),
    )
  })

  test('every trace keeps its link to the item, the oldest included', async ({ page }) => {
    for (const index of [0, 1, 12, 29, 30, 49]) {
      await page.goto(`/traces/${traces[index]!.traceId}`)
      const links = page.getByTestId('rollbar-link')
      await expect(links, `trace ${index}`).toHaveCount(1)
      await expect(links).toHaveText(title)
      // found by RQL: no note about a partial scan
      await expect(page.getByTestId('rollbar-lookup-note')).toHaveCount(0)
    }
    await page.getByTestId('rollbar-link').click()
    await expect(page).toHaveURL(/\/errors\/\d+$/)
  })

  test('the lookup box goes to a trace by id or traceparent, to an item by uuid, and to a span by its id', async ({ page }) => {
    const oldest = traces[0]!
    await page.goto('/')
    await lookupBox(page).fill(oldest.traceId.toUpperCase())
    await lookupBox(page).press('Enter')
    await expect(page).toHaveURL(new RegExp(`/traces/${oldest.traceId}$`))
    await expect(page.getByTestId('rollbar-link')).toHaveText(title)

    await lookupBox(page).fill(`00-${traces[3]!.traceId}-${traces[3]!.spanId}-01`)
    await lookupBox(page).press('Enter')
    await expect(page).toHaveURL(new RegExp(`/traces/${traces[3]!.traceId}\\?span=${traces[3]!.spanId}$`))

    await lookupBox(page).fill(uuids[0]!)
    await lookupBox(page).press('Enter')
    await expect(page).toHaveURL(/\/errors\/\d+$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title)

    // span ids are found through the report that carries them
    await lookupBox(page).fill(traces[7]!.spanId)
    await lookupBox(page).press('Enter')
    await expect(page).toHaveURL(new RegExp(`/traces/${traces[7]!.traceId}\\?span=${traces[7]!.spanId}$`))
    await expect(page.getByTestId('span-details')).toContainText('checkout 7')
  })

  test('the lookup box says what is wrong with input that is no id, and what it cannot find', async ({ page }) => {
    await page.goto('/')
    await lookupBox(page).fill("' OR 1=1 --")
    await lookupBox(page).press('Enter')
    await expect(page.getByTestId('lookup-message')).toContainText('That is not an id Spanlight knows')
    await page.goto(`/lookup?q=${randomHex(8)}`)
    await expect(page.getByTestId('lookup-message')).toContainText('span ids are found only when an error report carries them')
  })
})

test.describe('a session with two traces and two Rollbar occurrences', () => {
  const runId = randomHex(8)
  const sessionId = randomHex(16)
  const nowMs = Date.now()
  const service = `e2e-session-${runId}`
  const attributes = { 'session.id': sessionId }
  const home: SeedTrace = { traceId: randomHex(16), spanId: randomHex(8), service, name: 'load home', startMs: nowMs - 30_000, durationMs: 300, attributes }
  const checkout: SeedTrace = {
    traceId: randomHex(16),
    spanId: randomHex(8),
    service,
    name: 'checkout click',
    startMs: nowMs - 10_000,
    durationMs: 800,
    error: true,
    attributes,
  }
  const warningTitle = `TypeError: banner image missing ${runId}`
  const errorTitle = `TypeError: cart is undefined ${runId}`

  test.beforeAll(async () => {
    // and a trace of another session, which must not show
    await postTraces([
      home,
      checkout,
      {
        traceId: randomHex(16),
        spanId: randomHex(8),
        service,
        name: 'other session',
        startMs: nowMs - 20_000,
        durationMs: 50,
        attributes: { 'session.id': randomHex(16) },
      },
    ])
    await postRollbarReport({
      message: `banner image missing ${runId}`,
      uuid: randomUUID(),
      timestampSec: Math.floor((nowMs - 25_000) / 1000),
      custom: { session_id: sessionId },
    })
    await postRollbarReport({
      message: `cart is undefined ${runId}`,
      uuid: randomUUID(),
      timestampSec: Math.floor((nowMs - 9_500) / 1000),
      custom: { trace_id: checkout.traceId, span_id: checkout.spanId, session_id: sessionId },
    })
    await waitForStore<{ traces: unknown[] }>(`/api/traces?service=${service}`, (body) => body.traces.length === 3)
    await waitForStore<{ result: { items: unknown[] } }>(`/api/1/items?q=${runId}`, (body) => body.result.items.length === 2)
  })

  test("the session page shows the session's traces and occurrences on one timeline, linked", async ({ page }) => {
    await page.goto(`/sessions/${sessionId}`)
    const timeline = page.getByTestId('session-timeline')
    await expect(timeline.locator('li[data-trace-id]')).toHaveCount(2)
    await expect(timeline.locator(`li[data-trace-id="${home.traceId}"]`)).toContainText('load home')
    await expect(timeline.locator(`li[data-trace-id="${checkout.traceId}"]`)).toHaveAttribute('data-error', 'true')
    await expect(timeline.locator('a[data-occurrence-id]')).toHaveCount(2)
    const occurrences = page.getByTestId('session-occurrences')
    await expect(occurrences.locator('tr[data-occurrence-id]')).toHaveCount(2)
    await expect(occurrences.locator('tr[data-occurrence-id]').first()).toContainText(warningTitle)
    await expect(occurrences.locator('tr[data-occurrence-id]').last()).toContainText(errorTitle)

    await timeline
      .locator(`li[data-trace-id="${checkout.traceId}"]`)
      .getByRole('link', { name: /checkout click/ })
      .first()
      .click()
    await expect(page).toHaveURL(new RegExp(`/traces/${checkout.traceId}$`))
    await expect(page.getByTestId('rollbar-link')).toHaveText(errorTitle)
    // the span's session.id leads back to the session
    await page.getByTestId('span-details').getByRole('link', { name: sessionId }).click()
    await expect(page).toHaveURL(new RegExp(`/sessions/${sessionId}$`))
    await page.getByTestId('session-occurrences').getByRole('link', { name: warningTitle }).click()
    await expect(page).toHaveURL(/\/errors\/\d+$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(warningTitle)
  })
})
