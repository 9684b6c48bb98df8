import { expect, test, waitForTrace } from './support/fixtures.js'

test('the opt-in /xhr entry traces XMLHttpRequest with the same propagation rules as fetch', async ({ page, servers, openPage }) => {
  await openPage('xhr')
  const result = await page.evaluate(() =>
    (window as never as { __TEST__: { xhrInSpan: () => Promise<{ traceId: string; statuses: number[] }> } }).__TEST__.xhrInSpan(),
  )
  expect(result.statuses).toEqual([200, 200])
  expect(String(servers.api.requests.find((request) => request.path === '/api/xhr')!.headers.traceparent)).toContain(result.traceId)
  expect(servers.third.requests.find((request) => request.path === '/xhr')!.headers.traceparent).toBeUndefined()
  const trace = await waitForTrace(servers.store, result.traceId, 3)
  const widget = trace.spans.find((span) => span.name === 'legacy widget')!
  const xhrSpans = trace.spans.filter((span) => span.kind === 3)
  expect(xhrSpans).toHaveLength(2)
  for (const span of xhrSpans) expect(span.parentSpanId).toBe(widget.spanId)
})
