import { expect, test, type Page } from '@playwright/test'
import { postTraces, randomHex, type SeedTrace } from './post-to-store'
import { READ_TOKEN, STORE_URL } from './ports'

// The Query page (issue 16): a query built in the builder, its charts and totals, the URL as its state (reload,
// Back/Forward), a heatmap selection compared with the rest, clicks through to traces, the server's 400 next to the
// builder, saved queries (save, open, delete: in the store, with its write token), the span panel's link into a
// query, and no sideways scroll on a phone.
//
// Seeded: one service, 20 fast spans (`GET /fast`, 5–24 ms, region=us) and 5 slow ones (`GET /slow`, 400–480 ms,
// region=eu), each its own trace, all in the last 8 minutes: the slow ones fill the heatmap's top value buckets.

const runId = randomHex(8)
const service = `e2e-query-${runId}`
const nowMs = Date.now()
const fast: SeedTrace[] = Array.from({ length: 20 }, (_, index) => ({
  traceId: randomHex(16),
  spanId: randomHex(8),
  service,
  name: 'GET /fast',
  startMs: nowMs - 20_000 - index * 20_000,
  durationMs: 5 + index,
  attributes: { region: 'us' },
}))
const slow: SeedTrace[] = Array.from({ length: 5 }, (_, index) => ({
  traceId: randomHex(16),
  spanId: randomHex(8),
  service,
  name: 'GET /slow',
  startMs: nowMs - 30_000 - index * 60_000,
  durationMs: 400 + index * 20,
  attributes: { region: 'eu' },
}))

const specUrl = (spec: object) => `/query?q=${encodeURIComponent(JSON.stringify(spec))}`
const serviceFilter = { column: 'service.name', op: '=', value: service }
const heatmapQuery = specUrl({ calculations: [{ op: 'COUNT' }, { op: 'HEATMAP', column: 'duration_ms' }], filters: [serviceFilter], time_range: 900 })

/** Polls the store's query index (not the dashboard) until it counts every seeded span: a wait on a condition. */
async function waitForQueryIndex(): Promise<void> {
  const countSpans = async () => {
    const response = await fetch(`${STORE_URL}/api/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${READ_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ calculations: [{ op: 'COUNT' }], filters: [serviceFilter], time_range: 3600 }),
    })
    if (!response.ok) return -1
    const body = (await response.json()) as { data: { results: { data: { COUNT: number } }[] } }
    return body.data.results[0]?.data.COUNT ?? 0
  }
  await expect.poll(countSpans, { message: "the store's query index counting the seeded spans", timeout: 15_000 }).toBe(25)
}

test.beforeAll(async () => {
  await postTraces([...fast, ...slow])
  await waitForQueryIndex()
})

const resultsTable = (page: Page) => page.getByTestId('query-results-table')
const rowOf = (page: Page, name: string) => resultsTable(page).locator('tbody tr').filter({ hasText: name })

test('a query built in the builder draws its charts and totals, and its URL reproduces it', async ({ page }) => {
  await page.goto('/query')
  const builder = page.getByTestId('query-builder')
  await builder.getByRole('button', { name: 'Add a calculation' }).click()
  await builder.getByLabel('Calculation 2', { exact: true }).selectOption('P95')
  await builder.getByLabel('Column of calculation 2', { exact: true }).fill('duration_ms')
  await builder.getByRole('button', { name: 'Add a calculation' }).click()
  await builder.getByLabel('Calculation 3', { exact: true }).selectOption('HEATMAP')
  await builder.getByLabel('Column of calculation 3', { exact: true }).fill('duration_ms')
  await builder.getByRole('button', { name: 'Add a filter' }).click()
  await builder.getByLabel('Field of filter 1', { exact: true }).fill('service.name')
  await builder.getByLabel('Value of filter 1', { exact: true }).fill(service)
  await builder.getByRole('button', { name: 'Add a group by field' }).click()
  await builder.getByLabel('Group by field 1', { exact: true }).fill('name')
  await builder.getByRole('button', { name: 'Add an order' }).click()
  await builder.getByLabel('Order 1 by', { exact: true }).selectOption({ label: 'COUNT' })
  await builder.getByLabel('Time range', { exact: true }).selectOption({ label: 'Last 15 minutes' })
  await builder.getByRole('button', { name: 'Run query' }).click()

  await expect(page).toHaveURL(/\/query\?q=/)
  await expect(rowOf(page, 'GET /fast')).toContainText('20')
  await expect(rowOf(page, 'GET /slow')).toContainText('5')
  // ordered by COUNT, descending
  await expect(resultsTable(page).locator('tbody tr').first()).toContainText('GET /fast')
  await expect(page.getByTestId('series-chart')).toHaveCount(2)
  await expect(page.getByTestId('series-chart').first().locator('canvas').first()).toBeVisible()
  await expect(page.getByTestId('heatmap').locator('canvas').first()).toBeVisible()

  // the table sorts by a heading, client-side
  await resultsTable(page).getByRole('button', { name: 'P95(duration_ms)' }).click()
  await expect(resultsTable(page).locator('tbody tr').first()).toContainText('GET /slow')

  // a reload runs the same query from the URL, and the builder shows it
  await page.reload()
  await expect(rowOf(page, 'GET /slow')).toContainText('5')
  await expect(page.getByLabel('Field of filter 1', { exact: true })).toHaveValue('service.name')
  await expect(page.getByLabel('Value of filter 1', { exact: true })).toHaveValue(service)
  await expect(page.getByLabel('Group by field 1', { exact: true })).toHaveValue('name')

  // Back to the default query and Forward again
  await page.goBack()
  await expect(page.getByLabel('Field of filter 1', { exact: true })).toHaveCount(0)
  await page.goForward()
  await expect(page.getByLabel('Field of filter 1', { exact: true })).toHaveValue('service.name')
  await expect(rowOf(page, 'GET /fast')).toContainText('20')

  // a row links to its example traces
  const example = rowOf(page, 'GET /slow').locator('a[href^="/traces/"]').first()
  const href = await example.getAttribute('href')
  expect(slow.map((trace) => `/traces/${trace.traceId}`)).toContain(href)
  await example.click()
  await expect(page).toHaveURL(new RegExp(`${href}$`))
  await expect(page.locator('[data-interactive="true"]').first()).toContainText('GET /slow')
})

test('a region dragged on the heatmap is compared with the rest, and a cell or point opens its traces', async ({ page }) => {
  await page.goto(heatmapQuery)
  const canvas = page.getByTestId('heatmap').locator('canvas').first()
  await expect(canvas).toBeVisible()
  const box = (await canvas.boundingBox())!
  // the plot's margins inside the chart (heatmap-chart.tsx GRID): the slow spans fill the top value buckets
  const plot = { left: box.x + 72, right: box.x + box.width - 12, top: box.y + 12, bottom: box.y + box.height - 36 }
  await page.mouse.move(plot.left + 2, plot.top + 2)
  await page.mouse.down()
  await page.mouse.move((plot.left + plot.right) / 2, plot.top + (plot.bottom - plot.top) * 0.2, { steps: 5 })
  await page.mouse.move(plot.right - 2, plot.top + (plot.bottom - plot.top) * 0.3, { steps: 5 })
  await page.mouse.up()

  await expect(page.getByTestId('heatmap-selection')).toBeVisible()
  const compare = page.getByTestId('compare-results')
  await expect(compare).toContainText('selection (5 spans)')
  const region = compare.locator('[data-column="region"]')
  await expect(region).toContainText('eu')
  await expect(region.locator('tr').filter({ hasText: 'eu' })).toContainText('100%')
  // the attributes that tell the selection apart come first
  await expect(compare.getByTestId('compare-column').first()).toHaveAttribute('data-column', /^(name|region|duration_ms)$/)

  // a click on the COUNT chart opens the example traces of the nearest point
  const chart = page.getByTestId('series-chart').locator('canvas').first()
  const chartBox = (await chart.boundingBox())!
  await page.mouse.click(chartBox.x + chartBox.width * 0.6, chartBox.y + chartBox.height * 0.5)
  const seeded = new Set([...fast, ...slow].map((trace) => trace.traceId))
  // the store's points name no examples: the page asks for the point's (one trace opens at once, several are listed)
  const listed = page.getByTestId('point-examples').locator('a[href^="/traces/"]').first()
  await expect(page.locator('[data-interactive="true"]').first().or(listed)).toBeVisible()
  if (await listed.isVisible()) await listed.click()
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}$/)
  expect(seeded.has(page.url().split('/traces/')[1]!)).toBe(true)
})

test('a spec the server refuses shows its 400 message next to the builder', async ({ page }) => {
  await page.goto(specUrl({ calculations: [{ op: 'P95' }], time_range: 900 }))
  const problem = page.getByTestId('query-builder').getByTestId('query-problem')
  await expect(problem).toContainText('calculations[0]')
  await expect(page.getByTestId('query-results-table')).toHaveCount(0)
})

test('a query saved under a name is listed, opens as it was saved, and is gone once deleted', async ({ page }) => {
  const name = `e2e regions ${runId}`
  const savedSpec = { calculations: [{ op: 'COUNT' }], filters: [serviceFilter], breakdowns: ['region'], time_range: 900 }
  await page.goto(specUrl(savedSpec))
  await expect(rowOf(page, 'eu')).toContainText('5')

  const saved = page.getByTestId('saved-queries')
  const form = saved.getByRole('form', { name: 'Save this query' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByRole('button', { name: 'Save this query' }).click()
  const link = saved.getByRole('link', { name, exact: true })
  await expect(link).toBeVisible()
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('')

  // from the default query, the saved one opens: the URL holds its spec and the builder shows it
  await page.goto('/query')
  await expect(page.getByLabel('Field of filter 1', { exact: true })).toHaveCount(0)
  await link.click()
  await expect(page).toHaveURL(/\/query\?q=/)
  expect(JSON.parse(new URL(page.url()).searchParams.get('q')!)).toMatchObject(savedSpec)
  await expect(page.getByLabel('Field of filter 1', { exact: true })).toHaveValue('service.name')
  await expect(page.getByLabel('Value of filter 1', { exact: true })).toHaveValue(service)
  await expect(page.getByLabel('Group by field 1', { exact: true })).toHaveValue('region')
  await expect(rowOf(page, 'us')).toContainText('20')

  await saved.getByRole('button', { name: `Delete saved query ${name}`, exact: true }).click()
  await expect(link).toHaveCount(0)
  await expect(saved.getByRole('alert')).toHaveCount(0)
  // and the store no longer has it: a reload lists it no more
  await page.reload()
  await expect(saved.getByRole('form', { name: 'Save this query' })).toBeVisible()
  await expect(saved.getByText(/Loading saved queries/)).toHaveCount(0)
  await expect(link).toHaveCount(0)
})

test("the span panel links to a query of the span's name and service", async ({ page }) => {
  const span = slow[0]!
  await page.goto(`/traces/${span.traceId}?span=${span.spanId}`)
  await page.getByTestId('span-details').getByTestId('span-name-query').click()
  await expect(page).toHaveURL(/\/query\?q=/)
  await expect(page.getByLabel('Value of filter 1', { exact: true })).toHaveValue('GET /slow')
  await expect(page.getByLabel('Value of filter 2', { exact: true })).toHaveValue(service)
  await expect(resultsTable(page).locator('tbody tr')).toHaveCount(1)
  await expect(resultsTable(page).locator('tbody td').nth(1)).toHaveText('5')
})

for (const viewport of [
  { width: 390, height: 844 },
  { width: 360, height: 740 },
]) {
  test(`the Query page with results does not scroll sideways at ${viewport.width} px`, async ({ page }) => {
    await page.setViewportSize(viewport)
    await page.goto(
      specUrl({
        calculations: [{ op: 'COUNT' }, { op: 'P95', column: 'duration_ms' }, { op: 'HEATMAP', column: 'duration_ms' }],
        filters: [serviceFilter],
        breakdowns: ['name', 'region'],
        time_range: 900,
      }),
    )
    await expect(rowOf(page, 'GET /slow')).toContainText('eu')
    await expect(page.getByTestId('heatmap').locator('canvas').first()).toBeVisible()
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }))
    expect(scrollWidth, `page width ${scrollWidth} px at a ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth)
  })
}
