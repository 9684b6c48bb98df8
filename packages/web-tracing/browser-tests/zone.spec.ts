import { expect, test, waitForTrace } from './support/fixtures.js'

test("with the /zone entry, a fetch started in a timer and a promise callback is still the span's child", async ({ page, servers, openPage }) => {
  await openPage('zone')
  const traceId = await page.evaluate(() => (window as never as { __TEST__: { timerThenFetch: () => Promise<string> } }).__TEST__.timerThenFetch())
  const trace = await waitForTrace(servers.store, traceId, 2)
  const click = trace.spans.find((span) => span.name === 'zone click')!
  expect(trace.spans.find((span) => span.name === 'GET')!.parentSpanId).toBe(click.spanId)
  expect(String(servers.api.requests.find((request) => request.path === '/api/zone')!.headers.traceparent)).toContain(traceId)
})
