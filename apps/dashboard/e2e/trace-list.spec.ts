import { expect, test, type Page } from '@playwright/test'
import { postTraces, randomHex, type SeedTrace } from './post-to-store'
import { waitForStore } from './seed'

// The trace list: sorting the loaded traces (kept in the URL), the scatter plot's brush (a time range, in the URL) and
// its pick of overlapping points, relative times and the UTC switch.

const runId = randomHex(8)
const service = `e2e-list-${runId}`
const nowMs = Date.now()

/** a trace of `spans` spans (a root and its children), `errors` of them failed */
function seedTrace(name: string, startMs: number, durationMs: number, spans: number, errors: number): SeedTrace[] {
  const traceId = randomHex(16)
  const rootId = randomHex(8)
  return Array.from({ length: spans }, (_, index) => ({
    traceId,
    spanId: index === 0 ? rootId : randomHex(8),
    ...(index === 0 ? {} : { parentSpanId: rootId }),
    service,
    name: index === 0 ? name : `${name} child ${index}`,
    startMs: startMs + index,
    durationMs: index === 0 ? durationMs : 1,
    error: index < errors,
  }))
}

// oldest first; each leads a different sort
const oldLong = seedTrace('old-long', nowMs - 300_000, 900, 1, 1)
const midWide = seedTrace('mid-wide', nowMs - 180_000, 50, 4, 0)
const newFailing = seedTrace('new-failing', nowMs - 60_000, 5, 2, 2)
const ids = { oldLong: oldLong[0]!.traceId, midWide: midWide[0]!.traceId, newFailing: newFailing[0]!.traceId }
// two traces drawn on the same spot
const twinService = `e2e-twins-${runId}`
const twins = [0, 1].map((index) => ({
  traceId: randomHex(16),
  spanId: randomHex(8),
  service: twinService,
  name: `twin ${index}`,
  startMs: nowMs - 90_000,
  durationMs: 30,
}))

test.beforeAll(async () => {
  await postTraces([...oldLong, ...midWide, ...newFailing, ...twins])
  await waitForStore<{ traces: { spanCount: number }[] }>(
    `/api/traces?service=${service}`,
    (body) => body.traces.length === 3 && body.traces.every((trace) => trace.spanCount > 0),
  )
  await waitForStore<{ traces: unknown[] }>(`/api/traces?service=${twinService}`, (body) => body.traces.length === 2)
})

const rowOrder = (page: Page) => page.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-trace-id')))

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport, timezoneId: 'Asia/Kolkata' })

    test('sorts the loaded traces by start, duration, span count and errors, kept in the URL', async ({ page }) => {
      await page.goto(`/traces?service=${service}`)
      await expect.poll(() => rowOrder(page)).toEqual([ids.newFailing, ids.midWide, ids.oldLong])
      const sort = page.getByTestId('trace-sort')
      await sort.selectOption('duration')
      await expect(page).toHaveURL(/[?&]sort=duration/)
      await expect.poll(() => rowOrder(page)).toEqual([ids.oldLong, ids.midWide, ids.newFailing])
      await expect(page.getByText('Sorted among the 3 loaded traces only.')).toBeVisible()
      await sort.selectOption('spans')
      await expect.poll(() => rowOrder(page)).toEqual([ids.midWide, ids.newFailing, ids.oldLong])
      await sort.selectOption('errors')
      await expect.poll(() => rowOrder(page)).toEqual([ids.newFailing, ids.oldLong, ids.midWide])
      // a link to the sorted list opens sorted
      await page.reload()
      await expect(sort).toHaveValue('errors')
      await expect.poll(() => rowOrder(page)).toEqual([ids.newFailing, ids.oldLong, ids.midWide])
    })

    test('dragging across the scatter plot searches that time range and puts it in the URL', async ({ page }) => {
      await page.goto(`/traces?service=${service}`)
      await expect(page.getByTestId('scatter-legend')).toContainText('with errors')
      await expect.poll(() => rowOrder(page)).toHaveLength(3)
      const point = (traceId: string) => page.locator(`[data-testid=trace-scatter] [data-trace-id="${traceId}"]`).boundingBox()
      const old = (await point(ids.oldLong))!
      const mid = (await point(ids.midWide))!
      const newest = (await point(ids.newFailing))!
      const y = mid.y + mid.height / 2
      // from between the oldest and the middle trace to past the newest
      await page.mouse.move((old.x + old.width + mid.x) / 2, y)
      await page.mouse.down()
      await page.mouse.move(newest.x + newest.width + 8, y, { steps: 6 })
      await expect(page.getByTestId('scatter-brush')).toBeVisible()
      await page.mouse.up()
      await expect(page).toHaveURL(/[?&]range=custom&from=\d+&to=\d+/)
      await expect.poll(() => rowOrder(page)).toEqual([ids.newFailing, ids.midWide])
      const url = new URL(page.url())
      expect(Number(url.searchParams.get('from'))).toBeGreaterThan(nowMs - 300_000)
      expect(Number(url.searchParams.get('from'))).toBeLessThanOrEqual(nowMs - 180_000)
    })

    test('a click on overlapping points lists every trace under the pointer', async ({ page }) => {
      await page.goto(`/traces?service=${twinService}`)
      await expect.poll(() => rowOrder(page)).toHaveLength(2)
      const spot = (await page.locator(`[data-testid=trace-scatter] [data-trace-id="${twins[1]!.traceId}"]`).boundingBox())!
      await page.mouse.click(spot.x + spot.width / 2, spot.y + spot.height / 2)
      const picked = page.getByTestId('scatter-picked')
      await expect(picked).toContainText('2 traces here')
      for (const twin of twins) await expect(picked.locator(`a[href="/traces/${twin.traceId}"]`)).toHaveText(`${twinService}: ${twin.name}`)
    })

    test('start times read relative, the absolute time on hover, in local time or UTC as switched', async ({ page }) => {
      await page.goto(`/traces?service=${service}`)
      const start = page.locator(`tr[data-trace-id="${ids.midWide}"] time`)
      await expect(start).toHaveText(/^[3-9] min ago$/)
      await expect(start).toHaveAttribute('dateTime', new Date(midWide[0]!.startMs).toISOString())
      // Asia/Kolkata is UTC+5:30: the local and the UTC texts differ in hours and minutes
      const localTitle = await start.getAttribute('title')
      expect(localTitle).toMatch(/GMT\+5:30|IST/)
      const localTick = await page.getByTestId('scatter-time-tick').first().textContent()
      const utcSwitch = page.getByTestId('utc-switch')
      await expect(utcSwitch).toHaveAttribute('aria-pressed', 'false')
      await utcSwitch.click()
      await expect(utcSwitch).toHaveAttribute('aria-pressed', 'true')
      await expect(start).toHaveAttribute('title', /UTC/)
      expect(await start.getAttribute('title')).not.toBe(localTitle)
      await expect(page.getByTestId('scatter-time-tick').first()).not.toHaveText(localTick!)
      // the choice is remembered
      await page.reload()
      await expect(page.locator(`tr[data-trace-id="${ids.midWide}"] time`)).toHaveAttribute('title', /UTC/)
    })
  })
}
