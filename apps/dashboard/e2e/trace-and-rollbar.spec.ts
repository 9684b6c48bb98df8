import { expect, test, type Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { MARKUP_VALUE, sendCheckoutTrace, sendRollbarItem, waitForStore } from './seed'

// The trace page streams its first rows with the HTML, before the scripts have loaded; only the client's waterfall,
// which replaces them, is marked `data-interactive` and answers keys and clicks.
const interactiveWaterfall = (page: Page) => page.locator('[data-testid=waterfall][data-interactive=true]')

test.describe('a trace across two services with a Rollbar item', () => {
  let seeded: Awaited<ReturnType<typeof sendCheckoutTrace>>
  const errorTitle = `TypeError: cart is undefined (${Date.now()})`

  const itemUuid = randomUUID()

  test.beforeAll(async () => {
    seeded = await sendCheckoutTrace(String(Date.now()), itemUuid)
    await sendRollbarItem(seeded.traceId, seeded.apiSpanId, errorTitle.replace('TypeError: ', ''), itemUuid)
    await waitForStore<{ spans: unknown[] }>(`/api/traces/${seeded.traceId}`, (trace) => trace.spans.length === 2)
    await waitForStore<{ result: { items: { title: string }[] } }>('/api/1/items', (body) => body.result.items.some((item) => item.title === errorTitle))
  })

  test('find the trace, open its waterfall, follow the Rollbar link and come back', async ({ page }) => {
    await page.goto(`/traces?service=${seeded.apiService}`)
    const row = page.locator(`tr[data-trace-id="${seeded.traceId}"]`)
    await expect(row).toContainText('checkout click')
    await expect(row).toContainText(seeded.apiService)
    await row.getByRole('link').click()

    await expect(page).toHaveURL(new RegExp(`/traces/${seeded.traceId}$`))
    const waterfall = page.getByTestId('waterfall')
    await expect(waterfall.locator(`[role=treeitem][data-service="${seeded.webService}"]`)).toContainText('checkout click')
    const apiRow = waterfall.locator(`[role=treeitem][data-service="${seeded.apiService}"]`)
    await expect(apiRow).toContainText('POST /api/checkout')
    await expect(apiRow).toHaveAttribute('data-error', 'true')
    await expect(apiRow).toHaveAttribute('aria-level', '2')
    await expect(waterfall.locator('[role=treeitem][data-error=true]')).toHaveCount(1)

    const rollbarLink = page.getByTestId('rollbar-link')
    await expect(rollbarLink).toHaveText(errorTitle)
    await rollbarLink.click()
    await expect(page).toHaveURL(/\/errors\/\d+$/)
    await expect(page.getByRole('heading', { level: 1 })).toContainText(errorTitle)
    const traceLink = page.getByTestId('trace-link')
    await expect(traceLink).toContainText(seeded.traceId)

    await page.goBack()
    await expect(page).toHaveURL(new RegExp(`/traces/${seeded.traceId}$`))
    await expect(page.getByTestId('waterfall').locator('[role=treeitem]')).toHaveCount(2)

    // and from the occurrence straight to the span
    await page.goForward()
    await page.getByTestId('trace-link').click()
    await expect(page).toHaveURL(new RegExp(`/traces/${seeded.traceId}\\?span=${seeded.apiSpanId}$`))
    await expect(page.getByTestId('span-details')).toContainText('POST /api/checkout')
    await expect(page.getByTestId('span-details')).toContainText('cart is undefined')
    // the span's rollbar.item.uuid is a link to its item
    const uuidLink = page.getByTestId('span-details').getByRole('link', { name: itemUuid })
    await expect(uuidLink).toHaveAttribute('href', /\/errors\/\d+$/)
    await uuidLink.click()
    await expect(page.getByRole('heading', { level: 1 })).toContainText(errorTitle)
  })

  test('an attribute value holding markup is shown as text', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}?span=${seeded.webSpanId}`)
    const details = page.getByTestId('span-details')
    await expect(details.getByText(MARKUP_VALUE, { exact: true })).toBeVisible()
    await expect(details.locator('img')).toHaveCount(0)
    await expect(details.locator('b')).toHaveCount(0)
    expect(await page.evaluate(() => (window as unknown as { __spanlightXss?: number }).__spanlightXss)).toBeUndefined()
  })

  test('the first rows come with the HTML, before any script runs', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`/traces/${seeded.traceId}`)
    const waterfall = page.getByTestId('waterfall')
    await expect(waterfall).toHaveAttribute('aria-busy', 'true')
    await expect(waterfall.locator('[role=treeitem]')).toHaveCount(2)
    await expect(waterfall.locator('[aria-selected=true]')).toContainText('checkout click')
    const apiRow = waterfall.locator(`[role=treeitem][data-service="${seeded.apiService}"]`)
    await expect(apiRow).toContainText('POST /api/checkout')
    await expect(apiRow).toHaveAttribute('data-error', 'true')
    await expect(apiRow).toHaveAttribute('aria-level', '2')
    await expect(interactiveWaterfall(page)).toHaveCount(0)
    await expect(page.getByPlaceholder('Search spans')).toBeDisabled()
    await context.close()
  })

  test('the client takes over the server-rendered rows without a hydration error', async ({ page }) => {
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(`/traces/${seeded.traceId}`)
    await expect(interactiveWaterfall(page).locator('[role=treeitem]')).toHaveCount(2)
    await expect(page.getByTestId('span-details').locator('h3').first()).toBeVisible()
    expect(problems).toEqual([])
  })

  test('the waterfall works from the keyboard', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}`)
    const waterfall = interactiveWaterfall(page)
    await expect(waterfall.locator('[role=treeitem]')).toHaveCount(2)
    await waterfall.focus()
    await page.keyboard.press('ArrowDown')
    await expect(waterfall.locator('[aria-selected=true]')).toContainText('POST /api/checkout')
    await expect(page.getByTestId('span-details')).toContainText(seeded.apiService)
    await page.keyboard.press('ArrowLeft')
    await expect(waterfall.locator('[aria-selected=true]')).toContainText('checkout click')
    await page.keyboard.press('ArrowLeft')
    await expect(waterfall.locator('[role=treeitem]')).toHaveCount(1)
    await expect(waterfall.locator('[aria-selected=true]')).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('ArrowRight')
    await expect(waterfall.locator('[role=treeitem]')).toHaveCount(2)
  })

  test('search within the trace highlights and selects matching spans', async ({ page }) => {
    await page.goto(`/traces/${seeded.traceId}`)
    // an attribute value, found by the server-side search
    await page.getByPlaceholder('Search spans').fill('not bold')
    await expect(page.getByText('1 match', { exact: true })).toBeVisible()
    await interactiveWaterfall(page).locator('[aria-selected=true]').waitFor()
    await page.getByPlaceholder('Search spans').press('Enter')
    await expect(interactiveWaterfall(page).locator('.match')).toContainText('checkout click')
    await page.getByPlaceholder('Search spans').fill('/api/checkout')
    await expect(page.getByText('1 match', { exact: true })).toBeVisible()
    await page.getByPlaceholder('Search spans').press('Enter')
    await expect(interactiveWaterfall(page).locator('[aria-selected=true]')).toContainText('POST /api/checkout')
  })

  test('search state lives in the URL and the errors-only filter works', async ({ page }) => {
    await page.goto('/traces')
    // the seeded trace's error is the API's
    await page.getByLabel('Service').selectOption(seeded.apiService)
    await page.getByLabel('Errors only').check()
    await page.getByRole('button', { name: 'Search' }).click()
    await expect(page).toHaveURL(new RegExp(`service=${seeded.apiService}&errorsOnly=true`))
    await expect(page.locator(`tr[data-trace-id="${seeded.traceId}"]`)).toBeVisible()
    await page.reload()
    await expect(page.getByLabel('Errors only')).toBeChecked()
    await expect(page.locator(`tr[data-trace-id="${seeded.traceId}"]`)).toBeVisible()
    // with a service, errors only means that service had an error: the web service's span did not fail
    await page.getByLabel('Service').selectOption(seeded.webService)
    await page.getByRole('button', { name: 'Search' }).click()
    await expect(page).toHaveURL(new RegExp(`service=${seeded.webService}&errorsOnly=true`))
    await expect(page.getByText('No traces match')).toBeVisible()
  })

  test('the errors list, an unknown trace and the overview say what they hold', async ({ page }) => {
    await page.goto('/errors?level=error')
    await expect(page.getByRole('link', { name: errorTitle })).toBeVisible()
    await page.goto('/traces/0123456789abcdef0123456789abcdef')
    await expect(page.getByRole('alert').filter({ hasText: 'Trace not found' })).toContainText('was not found in the trace store')
    await page.goto('/')
    await expect(page.locator('#error-traces').locator('..')).toContainText('checkout click')
    await expect(page.locator('#active-items').locator('..')).toContainText(errorTitle)
    await page.getByRole('button', { name: 'Pause live updates' }).click()
    await expect(page.getByRole('button', { name: 'Resume live updates' })).toBeVisible()
  })
})
