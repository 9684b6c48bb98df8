import { expect, test, type Page } from '@playwright/test'
import { postTraces, randomHex, type SeedTrace } from './post-to-store'
import { waitForStore } from './seed'

// Trace comparison (issue 15): two versions of one request, merged by their path of (service, name) from the root:
//
//   A (100 ms)                         B (180 ms)
//   checkout        web     0–100      checkout        web     0–180
//   ├─ load cart    api     10–30      ├─ load cart    api     10–30     same
//   ├─ charge card  pay     40–70      ├─ charge card  pay     40–150    slower: +80ms, +266.7%
//   └─ audit log    api     75–80      └─ send receipt mailer  155–165   audit log only in A, send receipt only in B

async function sendPair(): Promise<{ a: string; b: string }> {
  const a = randomHex(16)
  const b = randomHex(16)
  const base = Date.now() - 60_000
  const tree = (traceId: string, rootMs: number, chargeMs: number, last: { service: string; name: string; startMs: number; durationMs: number }) => {
    const root = randomHex(8)
    const spans: SeedTrace[] = [
      { traceId, spanId: root, service: 'web', name: 'checkout', startMs: base, durationMs: rootMs },
      { traceId, spanId: randomHex(8), parentSpanId: root, service: 'api', name: 'load cart', startMs: base + 10, durationMs: 20 },
      { traceId, spanId: randomHex(8), parentSpanId: root, service: 'payments', name: 'charge card', startMs: base + 40, durationMs: chargeMs },
      { traceId, spanId: randomHex(8), parentSpanId: root, service: last.service, name: last.name, startMs: base + last.startMs, durationMs: last.durationMs },
    ]
    return spans
  }
  await postTraces([
    ...tree(a, 100, 30, { service: 'api', name: 'audit log', startMs: 75, durationMs: 5 }),
    ...tree(b, 180, 110, { service: 'mailer', name: 'send receipt', startMs: 155, durationMs: 10 }),
  ])
  for (const traceId of [a, b]) await waitForStore<{ spans: unknown[] }>(`/api/traces/${traceId}`, (trace) => trace.spans.length === 4)
  return { a, b }
}

let pair: { a: string; b: string }
test.beforeAll(async () => {
  pair = await sendPair()
})

const rowNamed = (page: Page, name: string) => page.getByTestId('compare-row').filter({ hasText: name })

async function expectComparison(page: Page) {
  const summary = page.getByTestId('compare-summary')
  await expect(summary.getByTestId('summary-only-a')).toContainText('1')
  await expect(summary.getByTestId('summary-only-b')).toContainText('1')
  await expect(summary.getByTestId('summary-matched')).toContainText('3')
  await expect(summary.getByTestId('summary-duration')).toContainText('100ms → 180ms')
  await expect(summary.getByTestId('summary-duration')).toContainText('+80ms (+80%)')

  const receipt = rowNamed(page, 'send receipt')
  await expect(receipt).toHaveAttribute('data-change', 'added')
  await expect(receipt.getByTestId('duration-a')).toHaveText('–')
  await expect(receipt.getByTestId('duration-b')).toHaveText('10ms')
  await expect(rowNamed(page, 'audit log')).toHaveAttribute('data-change', 'removed')

  const charge = rowNamed(page, 'charge card')
  await expect(charge).toHaveAttribute('data-change', 'slower')
  await expect(charge.getByTestId('duration-a')).toHaveText('30ms')
  await expect(charge.getByTestId('duration-b')).toHaveText('110ms')
  await expect(charge.getByTestId('delta-ms')).toHaveText('+80ms')
  await expect(charge.getByTestId('delta-percent')).toHaveText('+266.7%')
  await expect(rowNamed(page, 'load cart')).toHaveAttribute('data-change', 'same')
}

test('compares two traces: a span only in B, a slower span with its difference, and the summary', async ({ page }) => {
  const response = await page.goto(`/traces/compare?a=${pair.a}&b=${pair.b}`)
  expect(response?.status()).toBe(200)
  await expectComparison(page)
  await expect(page.getByTestId('compare-row')).toHaveCount(5)
})

test('starts a comparison from a trace page with "Compare with…"', async ({ page }) => {
  await page.goto(`/traces/${pair.a}`)
  await page.getByLabel('Trace id to compare with').fill(pair.b)
  await page.getByRole('button', { name: 'Compare with…' }).click()
  await expect(page).toHaveURL(new RegExp(`/traces/compare\\?a=${pair.a}&b=${pair.b}$`))
  await expectComparison(page)
})

test('answers 400 and names the bad id, with the form to fix it', async ({ page }) => {
  const response = await page.goto(`/traces/compare?a=not-a-trace&b=${pair.b}`)
  expect(response?.status()).toBe(400)
  await expect(page.getByTestId('compare-problems')).toHaveText('a: must be 32 hex digits, not all zero')
  await page.getByLabel('Trace A').fill(pair.a)
  await page.getByRole('button', { name: 'Compare', exact: true }).click()
  await expectComparison(page)
})

test('answers 404 for a well-formed id of a trace the source does not have, and says which trace is missing', async ({ page }) => {
  const missing = randomHex(16)
  const response = await page.goto(`/traces/compare?a=${pair.a}&b=${missing}`)
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Trace B not found' })).toBeVisible()
  await expect(page.getByRole('alert').filter({ hasText: 'Trace B not found' })).toContainText(missing)
  // the form is there to fix it
  await page.getByLabel('Trace B').fill(pair.b)
  await page.getByRole('button', { name: 'Compare', exact: true }).click()
  await expectComparison(page)
})

test.describe('at 390×844', () => {
  test.use({ viewport: { width: 390, height: 844 } })

  test('shows the comparison without scrolling sideways', async ({ page }) => {
    await page.goto(`/traces/compare?a=${pair.a}&b=${pair.b}`)
    await expectComparison(page)
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }))
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth)
    // the row's name and its numbers are both on screen
    const box = await rowNamed(page, 'charge card').getByTestId('delta-percent').boundingBox()
    expect(box!.x + box!.width).toBeLessThanOrEqual(390)
  })
})
