import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { request as httpRequest } from 'node:http'
import { expect, test, type Page, type Response } from '@playwright/test'
import { DASHBOARD_PORT, READ_TOKEN } from './ports'
import { sendCheckoutTrace, sendRollbarItem, waitForStore } from './seed'

const OTLP_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'otlp-download-checkout-web-api.json')

// Issue 15, items 4 and 5 in the browser: statuses of the trace and item pages, the security headers on pages and
// API routes, a CSP that every page kind satisfies (no violation, no console CSP error), and the Host check.

declare global {
  interface Window {
    __cspViolations: string[]
  }
}

const UNKNOWN_TRACE_ID = '0f0e0d0c0b0a09080706050403020100'
const UNKNOWN_ITEM_ID = 987654321

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchCsp(page: Page): Promise<string[]> {
  const consoleErrors: string[] = []
  await page.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`)
    })
  })
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) consoleErrors.push(message.text())
  })
  return consoleErrors
}

function expectSecurityHeaders(headers: Record<string, string>, what: string): void {
  expect(headers['content-security-policy'], what).toContain("frame-ancestors 'none'")
  expect(headers['x-frame-options'], what).toBe('DENY')
  expect(headers['x-content-type-options'], what).toBe('nosniff')
  expect(headers['referrer-policy'], what).toBe('no-referrer')
  expect(headers['cross-origin-opener-policy'], what).toBe('same-origin')
}

/**
 * The page's CSP: script-src allows its nonce, never inline or eval; every script in the HTML carries that nonce
 * (the chunks those load later are same-origin files; anything else would be reported as a violation).
 */
async function expectNonceCsp(response: Response, what: string): Promise<void> {
  const csp = response.headers()['content-security-policy'] ?? ''
  const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(csp)?.[1]
  expect(nonce, `${what}: a nonce in script-src`).toBeTruthy()
  expect(csp, what).not.toContain('unsafe-eval')
  expect(/script-src[^;]*'unsafe-inline'/.test(csp), `${what}: no unsafe-inline scripts`).toBe(false)
  const scripts = (await response.text()).match(/<script\b[^>]*>/g) ?? []
  expect(scripts.length, what).toBeGreaterThan(0)
  for (const script of scripts) expect(script, `${what}: a script without this response's nonce`).toContain(` nonce="${nonce}"`)
}

/** GET through node:http so the Host header is exactly what a DNS-rebinding page would send. */
function getWithHost(path: string, host: string): Promise<{ status: number; body: string; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: DASHBOARD_PORT, path, headers: { host } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers as Record<string, string> }),
      )
    })
    request.on('error', reject)
    request.end()
  })
}

test.describe('security', () => {
  const stamp = Date.now()
  const errorMessage = `security spec ${stamp}`
  let seeded: Awaited<ReturnType<typeof sendCheckoutTrace>>
  let itemId: number

  test.beforeAll(async () => {
    seeded = await sendCheckoutTrace(`security-${stamp}`, randomUUID())
    await sendRollbarItem(seeded.traceId, seeded.apiSpanId, errorMessage, randomUUID())
    await waitForStore<{ spans: unknown[] }>(`/api/traces/${seeded.traceId}`, (trace) => trace.spans.length === 2)
    const items = await waitForStore<{ result: { items: { id: number; title: string }[] } }>('/api/1/items', (body) =>
      body.result.items.some((item) => item.title.includes(errorMessage)),
    )
    itemId = items.result.items.find((item) => item.title.includes(errorMessage))!.id
  })

  test('every page kind satisfies its CSP: no violation, no console CSP error, every script with the nonce', async ({ page }) => {
    const consoleErrors = await watchCsp(page)
    const pages: { path: string; status: number; ready: (page: Page) => Promise<void> }[] = [
      { path: '/', status: 200, ready: (p) => expect(p.locator('#error-traces').locator('..')).toContainText('checkout click') },
      { path: '/traces', status: 200, ready: (p) => expect(p.locator(`tr[data-trace-id="${seeded.traceId}"]`)).toBeVisible() },
      { path: `/traces/${seeded.traceId}`, status: 200, ready: (p) => expect(p.locator('[data-interactive="true"]').first()).toBeVisible() },
      { path: '/errors', status: 200, ready: (p) => expect(p.getByRole('link', { name: new RegExp(errorMessage) })).toBeVisible() },
      { path: `/errors/${itemId}`, status: 200, ready: (p) => expect(p.getByRole('heading', { level: 1 })).toContainText(errorMessage) },
      { path: '/sessions/security-session', status: 200, ready: (p) => expect(p.locator('main')).toContainText('security-session') },
      { path: `/lookup?q=${seeded.traceId}`, status: 200, ready: (p) => expect(p.locator('[data-interactive="true"]').first()).toBeVisible() },
      { path: '/lookup?q=not-an-id', status: 200, ready: (p) => expect(p.locator('main')).toContainText('not an id') },
      { path: '/query', status: 200, ready: (p) => expect(p.getByRole('heading', { level: 1, name: 'Query' })).toBeVisible() },
      { path: '/frontend', status: 200, ready: (p) => expect(p.getByRole('heading', { level: 1, name: 'Frontend' })).toBeVisible() },
      { path: '/traces/not-a-trace-id', status: 400, ready: (p) => expect(p.getByText('That is not a trace id')).toBeVisible() },
      {
        path: `/traces/${UNKNOWN_TRACE_ID}`,
        status: 404,
        ready: (p) => expect(p.getByRole('alert').filter({ hasText: 'Trace not found' })).toContainText('was not found in the trace store'),
      },
      { path: '/errors/not-an-item', status: 400, ready: (p) => expect(p.getByText('That is not a Rollbar item id')).toBeVisible() },
      {
        path: `/errors/${UNKNOWN_ITEM_ID}`,
        status: 404,
        ready: (p) => expect(p.getByRole('alert').filter({ hasText: 'Rollbar item not found' })).toContainText(`${UNKNOWN_ITEM_ID} was not found`),
      },
      { path: '/dependencies', status: 200, ready: (p) => expect(p.getByRole('table', { name: 'Calls between services' })).toBeVisible() },
      {
        path: `/traces/compare?a=${seeded.traceId}&b=${seeded.traceId}`,
        status: 200,
        ready: (p) => expect(p.getByTestId('summary-matched')).toContainText('2'),
      },
      {
        path: '/traces/open',
        status: 200,
        // a file parsed in the page: its schemas must run without eval
        ready: async (p) => {
          await p.getByTestId('trace-file-input').setInputFiles(OTLP_FILE)
          await expect(p.locator('[data-interactive="true"]').first()).toBeVisible()
        },
      },
      {
        // the Query page's charts (ECharts, loaded on this page only) draw a line chart and a heatmap
        path: `/query?q=${encodeURIComponent(JSON.stringify({ calculations: [{ op: 'COUNT' }, { op: 'HEATMAP', column: 'duration_ms' }], time_range: 86400 }))}`,
        status: 200,
        ready: async (p) => {
          await expect(p.getByTestId('series-chart').locator('canvas').first()).toBeVisible()
          await expect(p.getByTestId('heatmap').locator('canvas').first()).toBeVisible()
        },
      },
      { path: '/no-such-page', status: 404, ready: (p) => expect(p.getByText('Page not found')).toBeVisible() },
    ]
    for (const { path, status, ready } of pages) {
      const response = (await page.goto(path))!
      expect(response.status(), path).toBe(status)
      await ready(page)
      expectSecurityHeaders(response.headers(), path)
      await expectNonceCsp(response, path)
      expect(await page.evaluate(() => window.__cspViolations), path).toEqual([])
    }
    expect(consoleErrors).toEqual([])

    // the listener does see what the CSP blocks: markup with an event handler (what an XSS would inject) and an inline
    // script a page script inserts are both reported, and neither runs
    await page.evaluate(() => {
      const markup = document.createElement('div')
      markup.innerHTML = '<img src="/icon.svg?csp-probe" onload="window.__injected = 1" onerror="window.__injected = 1">'
      const script = document.createElement('script')
      script.textContent = 'window.__injected = 2'
      document.body.append(markup, script)
    })
    await expect
      .poll(() => page.evaluate(() => window.__cspViolations))
      .toEqual(expect.arrayContaining([expect.stringMatching(/^script-src-attr/), expect.stringMatching(/^script-src(-elem)? /)]))
    expect(await page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).toBeUndefined()
  })

  test('unknown and malformed ids answer 404 and 400 with the helpful page', async ({ request }) => {
    const unknownTrace = await request.get(`/traces/${UNKNOWN_TRACE_ID}`)
    expect(unknownTrace.status()).toBe(404)
    expect(await unknownTrace.text()).toContain('Trace not found')
    const badTrace = await request.get('/traces/xyz')
    expect(badTrace.status()).toBe(400)
    expect(await badTrace.text()).toContain('That is not a trace id')
    expect((await request.get(`/errors/${UNKNOWN_ITEM_ID}`)).status()).toBe(404)
    const badItem = await request.get('/errors/-3')
    expect(badItem.status()).toBe(400)
    expect(await badItem.text()).toContain('That is not a Rollbar item id')
    expect((await request.get(`/traces/${seeded.traceId}`)).status()).toBe(200)
    expect((await request.get(`/errors/${itemId}`)).status()).toBe(200)
  })

  test('API routes carry the security headers and a CSP that allows nothing', async ({ request }) => {
    for (const [path, status] of [
      ['/api/config', 200],
      ['/api/traces', 200],
      [`/api/traces/${seeded.traceId}/outline`, 200],
      ['/api/traces/not-a-trace-id', 400],
      [`/api/errors/items/${UNKNOWN_ITEM_ID}`, 404],
    ] as const) {
      const response = await request.get(path)
      expect(response.status(), path).toBe(status)
      expectSecurityHeaders(response.headers(), path)
      expect(response.headers()['content-security-policy'], path).toMatch(/^default-src 'none'/)
    }
  })

  test('a request with a Host that is not allowed gets 403 and nothing of the dashboard', async () => {
    for (const path of ['/api/errors/items', '/api/config', `/traces/${seeded.traceId}`]) {
      const refused = await getWithHost(path, 'evil.example')
      expect(refused.status, path).toBe(403)
      expect(refused.body, path).not.toContain(errorMessage)
      expect(refused.body, path).not.toContain(READ_TOKEN)
      expectSecurityHeaders(refused.headers, path)
    }
    expect((await getWithHost('/api/config', `evil.example:${DASHBOARD_PORT}`)).status).toBe(403)
    // the loopback names are served, on any port
    expect((await getWithHost('/api/config', `localhost:${DASHBOARD_PORT}`)).status).toBe(200)
    expect((await getWithHost('/api/config', `127.0.0.1:${DASHBOARD_PORT}`)).status).toBe(200)
  })
})
