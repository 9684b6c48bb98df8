import { expect, test } from '@playwright/test'
import { randomBytes } from 'node:crypto'
import { STORE_URL } from './ports'
import { waitForStore } from './seed'

/** One errored browser fetch span, posted as OTLP/JSON; `statusCode` null is a network failure. */
async function sendErroredFetch(name: string, statusCode: number | null, startMs: number): Promise<string> {
  const traceId = randomBytes(16).toString('hex')
  const startNs = BigInt(startMs) * 1_000_000n
  const span = {
    traceId,
    spanId: randomBytes(8).toString('hex'),
    name,
    kind: 3,
    startTimeUnixNano: String(startNs),
    endTimeUnixNano: String(startNs + 20_000_000n),
    status: { code: 2 },
    attributes: statusCode === null ? [] : [{ key: 'http.response.status_code', value: { intValue: String(statusCode) } }],
  }
  const request = {
    resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'e2e-ranking-web' } }] }, scopeSpans: [{ spans: [span] }] }],
  }
  const response = await fetch(`${STORE_URL}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
  expect(response.status).toBe(200)
  return traceId
}

test('the overview ranks server errors above traces whose only errors are 4xx answers', async ({ page }) => {
  const suffix = Date.now().toString(36)
  // the 4xx answer is the newest: by time alone it would be listed first
  const serverError = `GET /api/feed 503 ${suffix}`
  const refused = `POST /api/items 422 ${suffix}`
  const serverTraceId = await sendErroredFetch(serverError, 503, Date.now() - 2_000)
  const refusedTraceId = await sendErroredFetch(refused, 422, Date.now() - 1_000)
  await waitForStore<{ spans: unknown[] }>(`/api/traces/${refusedTraceId}`, (trace) => trace.spans.length === 1)

  await page.goto('/')
  const panel = page.locator('#error-traces').locator('..')
  const severe = panel.getByRole('table', { name: 'Traces with errors' })
  await expect(severe.locator(`tr[data-trace-id="${serverTraceId}"]`)).toContainText(serverError)
  await expect(severe.locator(`tr[data-trace-id="${refusedTraceId}"]`)).toHaveCount(0)
  // the refused form is there, folded, below
  await panel.locator('summary', { hasText: 'with HTTP 4xx answers only' }).click()
  const clientOnly = panel.getByRole('table', { name: 'Traces with HTTP 4xx answers only' })
  await expect(clientOnly.locator(`tr[data-trace-id="${refusedTraceId}"]`)).toContainText('4xx')
})
