import { expect, test } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { READ_TOKEN, STORE_URL } from './ports'
import { sendCheckoutTrace, sendRollbarOccurrenceWithBreadcrumbs, waitForStore } from './seed'

// The item page: occurrences as a list with the newest open, the open one's breadcrumbs next to its trace's spans,
// in-app frames apart from collapsed library frames, and resolve / reopen kept upstream.

interface StoreItem {
  id: number
  title: string
  status: string | number
  total_occurrences: number
}

async function storeItem(itemId: number): Promise<StoreItem> {
  const response = await fetch(`${STORE_URL}/api/1/item/${itemId}`, { headers: { 'x-rollbar-access-token': READ_TOKEN } })
  return ((await response.json()) as { result: StoreItem }).result
}

test.describe('the item page', () => {
  const stamp = Date.now()
  const message = `payment form has no total (${stamp})`
  const title = `TypeError: ${message}`
  let seeded: Awaited<ReturnType<typeof sendCheckoutTrace>>
  let itemId: number

  test.beforeAll(async () => {
    seeded = await sendCheckoutTrace(`item-page-${stamp}`, randomUUID())
    const common = { message, traceId: seeded.traceId, spanId: seeded.apiSpanId, fingerprint: `e2e-item-page-${stamp}` }
    // the older occurrence, then the newer one
    await sendRollbarOccurrenceWithBreadcrumbs({
      ...common,
      person: { id: 'u-7', username: 'grace', email: 'grace@example.com' },
      breadcrumbs: [{ type: 'log', body: { message: 'older occurrence' } }],
    })
    await sendRollbarOccurrenceWithBreadcrumbs({
      ...common,
      person: { id: 'u-42', username: 'ada', email: 'ada@example.com' },
      breadcrumbs: [
        { type: 'navigation', body: { from: '/', to: '/cart' } },
        { type: 'network', body: { method: 'POST', url: '/api/checkout', status_code: 500 }, level: 'error' },
        { type: 'manual', body: { message: 'pressed pay' } },
      ],
    })
    await waitForStore<{ spans: unknown[] }>(`/api/traces/${seeded.traceId}`, (trace) => trace.spans.length === 2)
    const items = await waitForStore<{ result: { items: StoreItem[] } }>('/api/1/items', (body) =>
      body.result.items.some((item) => item.title === title && item.total_occurrences === 2),
    )
    itemId = items.result.items.find((item) => item.title === title)!.id
  })

  test('the newest occurrence is open with its breadcrumbs, person and trace spans; a click opens the older one', async ({ page }) => {
    await page.goto(`/errors/${itemId}`)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(title)
    const occurrences = page.getByTestId('occurrence')
    await expect(occurrences).toHaveCount(2)
    const newest = occurrences.nth(0)
    const older = occurrences.nth(1)
    await expect(newest).toHaveAttribute('data-open', 'true')
    await expect(older).toHaveAttribute('data-open', 'false')
    await expect(older.getByTestId('breadcrumbs')).toHaveCount(0)

    // breadcrumbs oldest first, each said in its own words
    const crumbs = newest.getByTestId('breadcrumbs').locator('li')
    await expect(crumbs).toHaveCount(3)
    await expect(crumbs.nth(0)).toHaveAttribute('data-type', 'navigation')
    await expect(crumbs.nth(0)).toContainText('/ → /cart')
    await expect(crumbs.nth(1)).toHaveAttribute('data-type', 'network')
    await expect(crumbs.nth(1)).toContainText('POST /api/checkout → 500')
    await expect(crumbs.nth(2)).toContainText('pressed pay')
    await expect(newest.getByTestId('fact-person')).toContainText('ada')
    await expect(newest.getByTestId('fact-server')).not.toBeEmpty()

    // the trace's two spans on the same axis, the one the occurrence was reported from marked
    const spans = newest.getByTestId('timeline-spans').locator('[data-span-id]')
    await expect(spans).toHaveCount(2)
    await expect(newest.locator(`[data-span-id="${seeded.apiSpanId}"]`)).toHaveAttribute('data-current', 'true')
    await expect(newest.locator(`[data-span-id="${seeded.apiSpanId}"]`)).toHaveAttribute('data-error', 'true')

    await older.getByRole('button', { expanded: false }).click()
    await expect(older).toHaveAttribute('data-open', 'true')
    await expect(newest).toHaveAttribute('data-open', 'false')
    await expect(older.getByTestId('fact-person')).toContainText('grace')
    await expect(older.getByTestId('breadcrumbs').locator('li')).toHaveText([/older occurrence/])
  })

  test('in-app frames are shown in full, library frames behind a toggle', async ({ page }) => {
    await page.goto(`/errors/${itemId}`)
    const open = page.locator('[data-testid=occurrence][data-open=true]')
    const exception = open.getByTestId('exception').first()
    await expect(exception).toContainText(title)
    // the error was made in seed.ts: the top frame is the app's own, with its source line
    const topFrame = exception.getByTestId('frame').first()
    await expect(topFrame).toHaveAttribute('data-library', 'false')
    await expect(topFrame.getByTestId('frame-location')).toContainText('seed.ts')
    // Playwright's own frames (under node_modules) are library frames, collapsed
    const libraryFrames = exception.locator('[data-testid=frame][data-library=true]')
    await expect(libraryFrames).toHaveCount(0)
    const toggle = exception.getByRole('button', { name: /^Show \d+ library frames?$/ }).first()
    await expect(toggle).toBeVisible()
    const shown = Number((await toggle.textContent())!.match(/\d+/)![0])
    await toggle.click()
    await expect(libraryFrames).toHaveCount(shown)
    await expect(libraryFrames.first().getByTestId('frame-location')).toContainText(/node_modules|node:/)
    await exception
      .getByRole('button', { name: /^Hide \d+ library frames?$/ })
      .first()
      .click()
    await expect(libraryFrames).toHaveCount(0)
  })

  test('resolve, reload: still resolved; reopen, reload: active again', async ({ page }) => {
    await page.goto(`/errors/${itemId}`)
    const status = page.getByTestId('item-status')
    await expect(status).toHaveText('active')
    await page.getByRole('button', { name: 'Resolve' }).click()
    await expect(status).toHaveText('resolved')
    await page.reload()
    await expect(status).toHaveText('resolved')
    expect((await storeItem(itemId)).status).toBe('resolved')

    await page.getByRole('button', { name: 'Reopen' }).click()
    await expect(status).toHaveText('active')
    await page.reload()
    await expect(status).toHaveText('active')
    expect((await storeItem(itemId)).status).toBe('active')
  })

  test('a cross-origin PATCH is refused and changes nothing', async ({ request }) => {
    const before = (await storeItem(itemId)).status
    const response = await request.patch(`/api/errors/items/${itemId}/status`, {
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      data: { status: 'muted' },
    })
    expect(response.status()).toBe(403)
    const withoutOrigin = await request.patch(`/api/errors/items/${itemId}/status`, { data: { status: 'muted' } })
    expect(withoutOrigin.status()).toBe(403)
    expect((await storeItem(itemId)).status).toBe(before)
    expect(before).not.toBe('muted')
  })
})
