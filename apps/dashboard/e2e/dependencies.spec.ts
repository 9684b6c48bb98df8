import { expect, test } from '@playwright/test'
import { postTraces, randomHex, type SeedTrace } from './post-to-store'
import { waitForStore } from './seed'

test('the dependency page draws and lists the calls between services, with the failed ones', async ({ page }) => {
  const suffix = Date.now().toString(36)
  const [web, api, db] = [`dep-web-${suffix}`, `dep-api-${suffix}`, `dep-db-${suffix}`]
  const spans: SeedTrace[] = []
  // three traces web → api → db; the last one's query fails
  for (const [index, fails] of [false, false, true].entries()) {
    const traceId = randomHex(16)
    const [click, handler] = [randomHex(8), randomHex(8)]
    const startMs = Date.now() - 60_000 + index * 1000
    spans.push(
      { traceId, spanId: click, service: web, name: 'click', startMs, durationMs: 30 },
      { traceId, spanId: handler, parentSpanId: click, service: api, name: 'GET /cart', startMs: startMs + 2, durationMs: 20 },
      { traceId, spanId: randomHex(8), parentSpanId: handler, service: db, name: 'SELECT', startMs: startMs + 5, durationMs: 5, error: fails },
    )
  }
  await postTraces(spans)
  await waitForStore<{ traces: unknown[] }>(`/api/traces?service=${db}`, (body) => body.traces.length === 3)

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport)
    await page.goto('/dependencies?range=15m')
    const rows = page.getByRole('table', { name: 'Calls between services' })
    await expect(rows.locator(`tr[data-edge="${web}→${api}"]`)).toContainText('3')
    await expect(rows.locator(`tr[data-edge="${api}→${db}"] td`).nth(3)).toHaveText('1')
    const graph = page.getByRole('img', { name: 'Service dependency graph' })
    await expect(graph.locator(`[data-service="${db}"]`)).toHaveCount(1)
    await expect(graph.locator(`[data-edge="${api}→${db}"]`)).toContainText('1 failed')
    // the graph scrolls in its own box: the page is never wider than the screen
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true)
  }
  await page.getByRole('link', { name: db }).first().click()
  await expect(page).toHaveURL(new RegExp(`/traces\\?service=${db}`))
})
