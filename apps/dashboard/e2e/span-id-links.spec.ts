import { expect, test } from '@playwright/test'
import { postTraces, randomHex } from './post-to-store'
import { waitForStore } from './seed'

// Span attributes whose values are ids are links (rule in src/features/waterfall/model/attribute-links.ts); a span id
// of the same trace selects that span in place.

test('attribute values holding a trace id or a span id link to the trace and the span', async ({ page }) => {
  const service = `e2e-links-${randomHex(8)}`
  const startMs = Date.now() - 30_000
  const other = { traceId: randomHex(16), spanId: randomHex(8), service, name: 'the linked trace', startMs, durationMs: 20 }
  const traceId = randomHex(16)
  const root = { traceId, spanId: randomHex(8), service, name: 'queue consumer', startMs, durationMs: 200 }
  const child = {
    traceId,
    spanId: randomHex(8),
    parentSpanId: root.spanId,
    service,
    name: 'process message',
    startMs: startMs + 10,
    durationMs: 50,
    attributes: { 'messaging.origin.trace_id': other.traceId, 'app.retry_of.span_id': root.spanId },
  }
  await postTraces([other, root, child])
  await waitForStore<{ spans: unknown[] }>(`/api/traces/${traceId}`, (trace) => trace.spans.length === 2)

  await page.goto(`/traces/${traceId}?span=${child.spanId}`)
  const details = page.getByTestId('span-details')
  await expect(details.locator('h2')).toHaveText('process message')
  await expect(details.getByRole('link', { name: other.traceId })).toHaveAttribute('href', `/traces/${other.traceId}`)
  // a span of this trace: selected in place
  await details.getByRole('link', { name: root.spanId }).click()
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}\\?span=${root.spanId}$`))
  await expect(details.locator('h2')).toHaveText('queue consumer')
  await expect(page.locator('[data-testid=waterfall][data-interactive=true] [aria-selected=true]')).toContainText('queue consumer')
})
