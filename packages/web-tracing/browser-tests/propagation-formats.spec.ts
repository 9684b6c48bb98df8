import { expect, test, waitForTraceWithSpans } from './support/fixtures.js'

test('formats from the /propagation entry write B3 and X-Ray headers of the fetch span, next to traceparent', async ({ page, servers, openPage }) => {
  await openPage('propagation-formats')
  const traceId = await page.evaluate(() =>
    (window as never as { __TEST__: { fetchInSpan: (path: string) => Promise<string> } }).__TEST__.fetchInSpan('/api/formats'),
  )
  const headers = servers.app.requests.find((request) => request.path === '/api/formats')!.headers
  const trace = await waitForTraceWithSpans(servers.store, traceId, ['load formats', 'GET'])
  const fetchSpan = trace.spans.find((span) => span.name === 'GET')!
  expect(headers.traceparent).toBe(`00-${traceId}-${fetchSpan.spanId}-01`)
  expect(headers.b3).toBe(`${traceId}-${fetchSpan.spanId}-1`)
  expect(headers['x-amzn-trace-id']).toBe(`Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Parent=${fetchSpan.spanId};Sampled=1`)
})
