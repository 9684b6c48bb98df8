import { attribute, expect, test, waitForTrace, waitForTraceWithSpans } from './support/fixtures.js'

interface FetchInSpanResult {
  traceId: string
  spanId: string
  results: { status: number; body: string }[]
}

test.describe('trace propagation and export', () => {
  test('sends traceparent to the allowed API origin and not to a third origin, and stores the linked spans', async ({ page, servers, openPage }) => {
    await openPage('tracing')
    const apiUrl = `${servers.api.origin}/api/orders/42?token=secret-value`
    const thirdUrl = `${servers.third.origin}/data`
    const result = await page.evaluate(
      ([api, third]) =>
        (window as never as { __TEST__: { fetchInSpan: (n: string, r: unknown[]) => Promise<FetchInSpanResult> } }).__TEST__.fetchInSpan('click checkout', [
          { url: api },
          { url: third },
        ]),
      [apiUrl, thirdUrl],
    )
    // both requests succeed: the third origin's CORS would reject a traceparent header
    expect(result.results.map((entry) => entry.status)).toEqual([200, 200])

    const apiRequest = servers.api.requests.find((request) => request.path.startsWith('/api/orders/42'))
    const traceparent = String(apiRequest?.headers.traceparent ?? '')
    expect(traceparent).toMatch(new RegExp(`^00-${result.traceId}-[0-9a-f]{16}-01$`))
    const thirdRequest = servers.third.requests.find((request) => request.path === '/data')
    expect(thirdRequest).toBeDefined()
    expect(thirdRequest?.headers.traceparent).toBeUndefined()

    // click (1) + fetch to API (1) + fetch to third (1), possibly a CORS preflight child
    const trace = await waitForTrace(servers.store, result.traceId, 3)
    const click = trace.spans.find((span) => span.name === 'click checkout')!
    expect(click.parentSpanId).toBeNull()
    const fetchSpans = trace.spans.filter((span) => span.kind === 3)
    expect(fetchSpans).toHaveLength(2)
    for (const span of fetchSpans) expect(span.parentSpanId).toBe(click.spanId)
    const apiSpan = fetchSpans.find((span) => String(attribute(span, 'url.full')).startsWith(servers.api.origin))!
    // the API received the fetch span as its parent
    expect(traceparent.split('-')[2]).toBe(apiSpan.spanId)
    expect(attribute(apiSpan, 'http.response.status_code')).toBe('200')
    // secrets in recorded URLs are redacted
    expect(attribute(apiSpan, 'url.full')).toBe(`${servers.api.origin}/api/orders/42?token=REDACTED`)
    expect(attribute(click, 'session.id')).toMatch(/^[0-9a-f]{32}$/)
    expect(trace.spans.every((span) => span.serviceName.startsWith('web-'))).toBe(true)
  })

  test('keeps the headers of a Request object and of init, adds no duplicate traceparent, and propagates same-origin', async ({ page, servers, openPage }) => {
    await openPage('tracing')
    const existing = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
    const result = await page.evaluate(
      ([api]) =>
        (window as never as { __TEST__: { fetchInSpan: (n: string, r: unknown[]) => Promise<FetchInSpanResult> } }).__TEST__.fetchInSpan('headers', [
          { url: `${api}/api/request-object`, requestHeaders: { 'x-custom': 'from-request' }, init: { method: 'GET' } },
          { url: `${api}/api/init-headers`, init: { headers: { 'x-custom': 'from-init' } } },
          { url: `${api}/api/already-traced`, init: { headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } } },
          { url: '/same-origin/echo' },
        ]),
      [servers.api.origin],
    )
    expect(result.results.map((entry) => entry.status)).toEqual([200, 200, 200, 200])
    const seen = (path: string) => servers.api.requests.find((request) => request.path === path)!.headers
    expect(seen('/api/request-object')['x-custom']).toBe('from-request')
    expect(seen('/api/request-object').traceparent).toContain(result.traceId)
    expect(seen('/api/init-headers')['x-custom']).toBe('from-init')
    expect(seen('/api/init-headers').traceparent).toContain(result.traceId)
    expect(seen('/api/already-traced').traceparent).toBe(existing)
    const sameOrigin = servers.app.requests.find((request) => request.path === '/same-origin/echo')!
    expect(sameOrigin.headers.traceparent).toContain(result.traceId)
  })

  test('records the document load with its fetch and resources, joined to the server trace from <meta name="traceparent">', async ({
    page,
    servers,
    openPage,
  }) => {
    const serverTraceId = '4bf92f3577b34da6a3ce929d0e0e4736'
    const serverSpanId = '00f067aa0ba902b7'
    await openPage('tracing', { metaTraceparent: `00-${serverTraceId}-${serverSpanId}-01` })
    await page.evaluate(() => (window as never as { __TEST__: { flush: () => Promise<void> } }).__TEST__.flush())
    // documentLoad, documentFetch and at least the page's script as a resourceFetch; they may come in separate exports
    const trace = await waitForTraceWithSpans(servers.store, serverTraceId, ['documentLoad', 'documentFetch', 'resourceFetch'])
    const documentLoad = trace.spans.find((span) => span.name === 'documentLoad')!
    expect(documentLoad.parentSpanId).toBe(serverSpanId)
    expect(String(attribute(documentLoad, 'url.full'))).toContain('/pages/tracing.html')
    const children = trace.spans.filter((span) => span.parentSpanId === documentLoad.spanId).map((span) => span.name)
    expect(children).toContain('documentFetch')
    expect(children).toContain('resourceFetch')
    expect(documentLoad.events.map((event) => event.name)).toContain('loadEventEnd')
    const resource = trace.resources[documentLoad.resourceId]!
    const resourceAttributes = Object.fromEntries(resource.attributes.map((entry) => [entry.key, (entry.value as { stringValue?: string }).stringValue]))
    expect(resourceAttributes).toMatchObject({ 'service.version': '1.0.0-test', 'deployment.environment.name': 'test' })
    expect(resourceAttributes['service.name']).toMatch(/^web-/)
  })
})
