import { attribute, expect, getJson, test, waitForServiceTrace, waitForTrace } from './support/fixtures.js'

test.describe('React bindings', () => {
  test('a useQuery run is a span whose fetch is its child and carries its trace to the API', async ({ page, servers, openPage }) => {
    const config = await openPage('react-app')
    await expect(page.locator('#orders')).toHaveText('orders loaded')
    const trace = await waitForServiceTrace(servers.store, config.serviceName, ['query orders', 'GET'])
    const query = trace.spans.find((span) => span.name === 'query orders')!
    const fetchSpan = trace.spans.find((span) => span.name === 'GET')!
    expect(fetchSpan.parentSpanId).toBe(query.spanId)
    expect(attribute(query, 'tanstack.query.status')).toBe('success')
    expect(attribute(query, 'tanstack.query.key')).toBe('["orders",{"page":1}]')
    // the API server is shared by the worker's tests: look for this page's request
    const traceparents = servers.api.requests.filter((request) => request.path === '/api/orders?page=1').map((request) => String(request.headers.traceparent))
    expect(traceparents).toContain(`00-${query.traceId}-${fetchSpan.spanId}-01`)
  })

  test('a useMutation run is a span and the fetch in its mutation function is its child', async ({ page, servers, openPage }) => {
    const config = await openPage('react-app')
    await page.click('#checkout')
    await expect(page.locator('#checkout-state')).toHaveText('checked out')
    const trace = await waitForServiceTrace(servers.store, config.serviceName, ['mutation checkout', 'POST'])
    const mutation = trace.spans.find((span) => span.name === 'mutation checkout')!
    expect(trace.spans.find((span) => span.name === 'POST')!.parentSpanId).toBe(mutation.spanId)
  })

  test('the error boundary records the error on a span and sends a Rollbar item with the same trace id', async ({ page, servers, openPage }) => {
    await openPage('react-app')
    await page.click('#explode')
    await expect(page.locator('#fallback')).toBeVisible()
    let occurrence: { uuid: string; custom: Record<string, string> } | undefined
    await expect
      .poll(async () => {
        const items = await getJson<{ result: { items: { id: number }[] } }>(`${servers.store.url}/api/1/items?q=${encodeURIComponent('widget exploded')}`)
        for (const item of items.body.result.items) {
          const instances = await getJson<{ result: { instances: { data: { uuid: string; custom: Record<string, string> } }[] } }>(
            `${servers.store.url}/api/1/item/${item.id}/instances`,
          )
          occurrence = instances.body.result.instances[0]?.data
        }
        return occurrence?.custom?.trace_id
      })
      .toMatch(/^[0-9a-f]{32}$/)
    const trace = await waitForTrace(servers.store, occurrence!.custom.trace_id!, 1)
    const span = trace.spans.find((candidate) => candidate.spanId === occurrence!.custom.span_id)!
    expect(span.name).toBe('react error boundary')
    expect(span.status.code).toBe(2)
    expect(span.events.map((event) => event.name)).toContain('exception')
    expect(attribute(span, 'rollbar.item.uuid')).toBe(occurrence!.uuid)
  })

  test('a mutation cut short by leaving the page ends then, marked, and is no error', async ({ page, servers, openPage }) => {
    const config = await openPage('react-app')
    await page.click('#slow-save')
    await expect.poll(() => servers.api.requests.some((request) => request.path === '/api/save?delayMs=5000')).toBe(true)
    await page.goto(`${servers.app.origin}/blank.html`)
    const trace = await waitForServiceTrace(servers.store, config.serviceName, ['mutation save'])
    const mutation = trace.spans.find((span) => span.name === 'mutation save')!
    expect(attribute(mutation, 'spanlight.ended_on_page_hide')).toBe(true)
    expect(mutation.status.code).toBe(0)
    expect(mutation.events.map((event) => event.name)).not.toContain('exception')
    expect(attribute(mutation, 'tanstack.query.status')).toBeUndefined()
  })

  test('a mutation that fails with a network error while the page stays is an error', async ({ page, servers, openPage }) => {
    const config = await openPage('react-app')
    await page.click('#offline-save')
    await expect(page.locator('#offline-state')).toHaveText('offline failed')
    const trace = await waitForServiceTrace(servers.store, config.serviceName, ['mutation offline'])
    const mutation = trace.spans.find((span) => span.name === 'mutation offline')!
    expect(mutation.status.code).toBe(2)
    expect(mutation.events.map((event) => event.name)).toContain('exception')
    expect(attribute(mutation, 'tanstack.query.status')).toBe('error')
    expect(attribute(mutation, 'spanlight.ended_on_page_hide')).toBeUndefined()
  })
})
