import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test, type Page } from '@playwright/test'

// /traces/open (issue 15): a trace file read in the browser, never uploaded, drawn with the trace page's waterfall.
// No spans are sent to the store: what the page shows comes from the fixture files alone.

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name)
const interactiveWaterfall = (page: Page) => page.locator('[data-testid=waterfall][data-interactive=true]')

test('the traces page links to opening a trace file', async ({ page }) => {
  await page.goto('/traces')
  await page.getByRole('link', { name: 'Open a trace file' }).click()
  await expect(page).toHaveURL(/\/traces\/open$/)
  await expect(page.getByRole('heading', { name: 'Open a trace file' })).toBeVisible()
})

test('opens the OTLP JSON the dashboard downloads and draws its spans in the waterfall, with their details', async ({ page }) => {
  const uploads: string[] = []
  page.on('request', (request) => {
    if (request.method() !== 'GET') uploads.push(request.url())
  })
  await page.goto('/traces/open')
  await page.getByTestId('trace-file-input').setInputFiles(fixture('otlp-download-checkout-web-api.json'))
  await expect(page.getByTestId('trace-file-status')).toHaveText('otlp-download-checkout-web-api.json: OTLP JSON, 1 trace')
  const waterfall = interactiveWaterfall(page)
  for (const name of ['checkout page', 'GET /api/cart', 'load cart', 'reserve stock']) await expect(waterfall.getByText(name, { exact: true })).toBeVisible()
  await waterfall.getByText('reserve stock', { exact: true }).click()
  const details = page.getByTestId('span-details')
  await expect(details.getByRole('heading', { name: 'reserve stock' })).toBeVisible()
  await expect(details).toContainText('out of stock')
  expect(uploads, 'the file is never sent anywhere').toEqual([])
})

test('lets the user pick among the traces of a Collector file-exporter file, and opens a Jaeger UI download', async ({ page }) => {
  await page.goto('/traces/open')
  await page.getByTestId('trace-file-input').setInputFiles(fixture('otlp-collector-file-exporter-two-traces.jsonl'))
  await expect(page.getByTestId('trace-file-status')).toContainText('OTLP JSON Lines, 2 traces')
  const waterfall = interactiveWaterfall(page)
  await expect(waterfall.getByText('FindNearest', { exact: true })).toBeVisible()
  await page.getByTestId('trace-file-pick').selectOption({ index: 1 })
  await expect(waterfall.getByText('health check', { exact: true })).toBeVisible()

  await page.getByTestId('trace-file-input').setInputFiles(fixture('jaeger-ui-download-frontend-driver.json'))
  await expect(page.getByTestId('trace-file-status')).toContainText('Jaeger JSON, 1 trace')
  for (const name of ['HTTP GET /dispatch', 'GetDriver']) await expect(waterfall.getByText(name, { exact: true })).toBeVisible()
})

test('says what is wrong with a file that is no trace', async ({ page }) => {
  await page.goto('/traces/open')
  await page.getByTestId('trace-file-input').setInputFiles(fixture('neither-otlp-nor-jaeger.json'))
  await expect(page.getByTestId('trace-file-error')).toContainText('neither OTLP JSON (a "resourceSpans" list) nor Jaeger JSON')
  await page.getByTestId('trace-file-input').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('not json at all') })
  await expect(page.getByTestId('trace-file-error')).toContainText('notes.json: The file is not JSON')
  await expect(interactiveWaterfall(page)).toHaveCount(0)
})

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport })

    test('an opened file shows its span names whole and the page does not scroll sideways', async ({ page }) => {
      await page.goto('/traces/open')
      await page.getByTestId('trace-file-input').setInputFiles(fixture('otlp-download-checkout-web-api.json'))
      const waterfall = interactiveWaterfall(page)
      for (const name of ['checkout page', 'GET /api/cart', 'load cart', 'reserve stock']) {
        const label = waterfall.locator('.wf-name').filter({ hasText: new RegExp(`^${name}$`) })
        await expect(label).toBeVisible()
        // readable: the name's box has room for all of it, not cut to a few characters
        const { clientWidth, scrollWidth } = await label.evaluate((element) => ({ clientWidth: element.clientWidth, scrollWidth: element.scrollWidth }))
        expect(clientWidth, name).toBeGreaterThan(0)
        expect(scrollWidth, name).toBeLessThanOrEqual(clientWidth)
      }
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, innerWidth: window.innerWidth }))
      expect(scrollWidth, `page width ${scrollWidth} px at a ${innerWidth} px viewport`).toBeLessThanOrEqual(innerWidth)
    })
  })
}
