import { expect, test, type Locator, type Page } from '@playwright/test'
import { randomHex } from './post-to-store'
import { STORE_URL } from './ports'
import { waitForStore } from './seed'

// The trace view (issue 15): names on a phone, fetch spans named with their path, sibling order, event marks and
// offsets, self time, the critical path and the minimap's zoom, on one hand-made trace:
//
//   ms             0    10   20   30   40   50   60   70   80   90   100
//   checkout page  |==================================================|  web
//   GET (fetch)      |=================|                                 web, events at +12.3 ms and +30 ms (exception)
//   step one                              |=========|                    api, starts 50.0001 ms
//     load                                 |=======|                     api
//       LONG_NAME                           |==|                         inventory (depth 3)
//   step two                              |===================|          api, starts 50.0002 ms (sent first)
//
// self time of the root: 100 − (35 + 39.9999) ≈ 25 ms; critical path: root, step two, root, GET, root.

const LONG_NAME = 'reserve stock for every line item in the basket and write the reservation ledger entries'
const interactiveWaterfall = (page: Page) => page.locator('[data-testid=waterfall][data-interactive=true]')

interface SeedSpan {
  spanId: string
  parentSpanId?: string
  service: string
  name: string
  kind: number
  startMs: number
  endMs: number
  attributes?: Record<string, string>
  events?: { atMs: number; name: string }[]
}

async function sendTraceView(): Promise<{ traceId: string; ids: Record<'root' | 'fetch' | 'one' | 'load' | 'long' | 'two', string> }> {
  const traceId = randomHex(16)
  const ids = { root: randomHex(8), fetch: randomHex(8), one: randomHex(8), load: randomHex(8), long: randomHex(8), two: randomHex(8) }
  const baseNs = BigInt(Date.now() - 60_000) * 1_000_000n
  const ns = (ms: number) => String(baseNs + BigInt(Math.round(ms * 1e6)))
  const spans: SeedSpan[] = [
    { spanId: ids.root, service: 'web', name: 'checkout page', kind: 1, startMs: 0, endMs: 100 },
    {
      spanId: ids.fetch,
      parentSpanId: ids.root,
      service: 'web',
      name: 'GET',
      kind: 3,
      startMs: 5,
      endMs: 40,
      attributes: { 'url.full': 'http://127.0.0.1:4999/api/cart/items?email=someone%40example.com&token=s3cret' },
      events: [
        { atMs: 17.3, name: 'response headers' },
        { atMs: 35, name: 'exception' },
      ],
    },
    { spanId: ids.two, parentSpanId: ids.root, service: 'api', name: 'step two', kind: 1, startMs: 50.0002, endMs: 90 },
    { spanId: ids.one, parentSpanId: ids.root, service: 'api', name: 'step one', kind: 1, startMs: 50.0001, endMs: 70 },
    { spanId: ids.load, parentSpanId: ids.one, service: 'api', name: 'load', kind: 1, startMs: 52, endMs: 68 },
    { spanId: ids.long, parentSpanId: ids.load, service: 'inventory', name: LONG_NAME, kind: 1, startMs: 53, endMs: 60 },
  ]
  const resourceSpans = spans.map((span) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: span.service } }] },
    scopeSpans: [
      {
        scope: { name: 'e2e-trace-view' },
        spans: [
          {
            traceId,
            spanId: span.spanId,
            ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
            name: span.name,
            kind: span.kind,
            startTimeUnixNano: ns(span.startMs),
            endTimeUnixNano: ns(span.endMs),
            attributes: Object.entries(span.attributes ?? {}).map(([key, value]) => ({ key, value: { stringValue: value } })),
            events: (span.events ?? []).map((event) => ({ timeUnixNano: ns(event.atMs), name: event.name, attributes: [] })),
            status: {},
          },
        ],
      },
    ],
  }))
  const response = await fetch(`${STORE_URL}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans }),
  })
  expect(response.status, await response.text()).toBe(200)
  await waitForStore<{ spans: unknown[] }>(`/api/traces/${traceId}`, (trace) => trace.spans.length === spans.length)
  return { traceId, ids }
}

let seeded: Awaited<ReturnType<typeof sendTraceView>>
test.beforeAll(async () => {
  seeded = await sendTraceView()
})
const rowOf = (page: Page, spanId: string): Locator => interactiveWaterfall(page).locator(`[role=treeitem][data-span-id="${spanId}"]`)

test.describe('the trace view at 1,440×900', () => {
  test('names fetch spans with method and path (no query string), marks events on the bar and times them in the panel', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}`)
    const fetchRow = rowOf(page, seeded.ids.fetch)
    await expect(fetchRow.locator('.wf-name')).toHaveText('GET /api/cart/items')
    await expect(fetchRow).not.toContainText('email')
    await expect(fetchRow).not.toContainText('s3cret')
    await expect(fetchRow).toHaveAttribute('data-events', '2')
    await expect(fetchRow.locator('[data-mark=exception]')).toHaveCount(1)
    await expect(fetchRow.locator('[data-mark=event]')).toHaveCount(1)

    await fetchRow.click()
    const panel = page.getByTestId('span-details')
    // the span's real name stays in the panel
    await expect(panel.getByRole('heading', { level: 2 })).toHaveText('GET')
    await expect(panel).toContainText('GET /api/cart/items')
    await expect(panel.getByTestId('event-offset')).toHaveText(['+12.3ms', '+30ms'])
  })

  test('shows siblings that start in the same millisecond in execution order', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}`)
    const children = interactiveWaterfall(page).locator('[role=treeitem][aria-level="2"]')
    await expect(children).toHaveCount(3)
    await expect(children.locator('.wf-name')).toHaveText(['GET /api/cart/items', 'step one', 'step two'])
  })

  test('shows self time in the panel, in the rows on request and per service', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}`)
    await rowOf(page, seeded.ids.root).click()
    await expect(page.getByTestId('self-time')).toContainText('25ms')
    const rootDuration = rowOf(page, seeded.ids.root).locator('.wf-duration')
    await expect(rootDuration).toHaveText('100ms')
    await page.getByLabel('Self time in rows').check()
    await expect(rootDuration).toHaveText('self 25ms')

    const table = page.getByTestId('service-self-time')
    await table.getByText('Self time by service').click()
    await expect(table.getByRole('row', { name: /^web/ })).toContainText('60ms')
    await expect(table.getByRole('row', { name: /^inventory/ })).toContainText('7ms')
  })

  test('highlights the critical path on the bars when asked', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}`)
    const critical = interactiveWaterfall(page).locator('[role=treeitem][data-critical=true]')
    await expect(rowOf(page, seeded.ids.two)).toBeVisible()
    await expect(critical).toHaveCount(0)
    await page.getByLabel('Critical path').check()
    const expected = [seeded.ids.root, seeded.ids.fetch, seeded.ids.two]
    await expect(critical).toHaveCount(expected.length)
    for (const spanId of expected) await expect(rowOf(page, spanId)).toHaveAttribute('data-critical', 'true')
    await expect(rowOf(page, seeded.ids.one)).not.toHaveAttribute('data-critical', 'true')
  })

  test('zooms into the range dragged on the minimap, keeps it in the URL and resets', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}`)
    await expect(rowOf(page, seeded.ids.fetch)).toBeVisible()
    const box = (await page.getByTestId('minimap').boundingBox())!
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.95, box.y + box.height / 2, { steps: 4 })
    await page.mouse.up()

    await expect(page.getByTestId('zoom-status')).toContainText('Zoomed to')
    await expect(page).toHaveURL(/[?&]window=4\d(\.\d+)?-9\d(\.\d+)?$/)
    // the fetch (5–40 ms) is outside the window, step two (50–90 ms) inside
    await expect(rowOf(page, seeded.ids.fetch)).toHaveAttribute('data-outside', 'true')
    await expect(rowOf(page, seeded.ids.two)).not.toHaveAttribute('data-outside', 'true')

    await page.reload()
    await expect(page.getByTestId('zoom-status')).toContainText('Zoomed to')
    await expect(rowOf(page, seeded.ids.fetch)).toHaveAttribute('data-outside', 'true')

    await page.getByRole('button', { name: 'Reset zoom' }).click()
    await expect(page).not.toHaveURL(/window=/)
    await expect(rowOf(page, seeded.ids.fetch)).not.toHaveAttribute('data-outside', 'true')
  })
})

for (const viewport of [
  { width: 390, height: 844 },
  { width: 360, height: 780 },
]) {
  test.describe(`the waterfall on a phone, ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport })

    test('keeps names readable above their bars, long names cut with the full text on hover, and no sideways scroll', async ({ page }) => {
      await page.goto(`/traces/${seeded.traceId}`)
      const longRow = rowOf(page, seeded.ids.long)
      await expect(longRow).toHaveAttribute('aria-level', '4')
      const name = longRow.locator('.wf-name')
      const nameBox = (await name.boundingBox())!
      // a phone-width row gives the name most of the screen (the side-by-side layout left it ~60 px at depth 3)
      expect(nameBox.width).toBeGreaterThan(viewport.width * 0.5)
      await expect(longRow.locator('.wf-label')).toHaveAttribute('title', new RegExp(LONG_NAME))
      // the duration label is on the bar's line, under the name
      const durationBox = (await longRow.locator('.wf-duration').boundingBox())!
      expect(durationBox.y).toBeGreaterThanOrEqual(nameBox.y + nameBox.height - 1)
      // short names are whole
      await expect(rowOf(page, seeded.ids.fetch).locator('.wf-name')).toHaveText('GET /api/cart/items')
      const fetchName = rowOf(page, seeded.ids.fetch).locator('.wf-name')
      expect(await fetchName.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)

      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width)
    })
  })
}
