import { expect, getJson, test, waitForTrace, type Page } from './support/fixtures.js'
import { expectLinkedSpan, waitForOccurrence, type RollbarInstance } from './support/rollbar-items.js'

const call = <T>(page: Page, fn: string, arg: string) =>
  page.evaluate(([name, value]) => (window as never as { __TEST__: Record<string, (value: string) => T> }).__TEST__[name]!(value), [fn, arg] as const)

test.describe('Rollbar bridge', () => {
  test('reportError sends an item carrying the trace of the active span, which records the exception', async ({ page, servers, openPage }) => {
    const rollbarRequests: Record<string, string>[] = []
    page.on('request', (request) => {
      if (request.url().includes('/api/1/item')) void request.allHeaders().then((headers) => rollbarRequests.push(headers))
    })
    await openPage('rollbar-options')
    const traceId = await call<string>(page, 'reportInSpan', 'payment declined in place order')
    const occurrence = await waitForOccurrence(servers.store, 'payment declined in place order')
    expect(occurrence.custom?.trace_id).toBe(traceId)
    expect(occurrence.custom?.session_id).toMatch(/^[0-9a-f]{32}$/)
    await expectLinkedSpan(servers.store, occurrence, 'place order')
    // Rollbar's own requests are not instrumented and carry no trace headers
    await expect.poll(() => rollbarRequests.length).toBeGreaterThan(0)
    for (const headers of rollbarRequests) expect(headers.traceparent).toBeUndefined()
  })

  test('items from a Rollbar created from options name the build where Rollbar reads it, keeping the app payload', async ({ page, servers, openPage }) => {
    // the page sets serviceVersion 2.0.0 (the default codeVersion) and config.payload.client.javascript.guess_uncaught_frames
    await openPage('rollbar-options')
    await call<string>(page, 'reportInSpan', 'checkout total mismatch')
    const occurrence = (await waitForOccurrence(servers.store, 'checkout total mismatch')) as { client?: { javascript?: Record<string, unknown> } }
    expect(occurrence.client?.javascript).toMatchObject({ code_version: '2.0.0', source_map_enabled: true, guess_uncaught_frames: true })
  })

  test('Rollbar calls the app makes itself are joined to the span they happen in', async ({ page, servers, openPage }) => {
    await openPage('rollbar-options')
    const traceId = await call<Promise<string>>(page, 'rollbarCallInSpan', 'cart unavailable')
    const occurrence = await waitForOccurrence(servers.store, 'cart unavailable')
    expect(occurrence.custom?.trace_id).toBe(traceId)
    await expectLinkedSpan(servers.store, occurrence, 'load cart')
    const trace = await waitForTrace(servers.store, traceId, 2)
    expect(trace.spans.some((span) => span.name === 'GET')).toBe(true)
  })

  test('uncaught errors arrive with the trace id of a stored exception span', async ({ page, servers, openPage }) => {
    await openPage('rollbar-options')
    await call<void>(page, 'throwUncaught', 'render exploded')
    const occurrence = await waitForOccurrence(servers.store, 'render exploded')
    await expectLinkedSpan(servers.store, occurrence, 'exception')
  })

  test("an uncaught error thrown out of an interaction span is recorded in that span's trace, on a child of it", async ({ page, servers, openPage }) => {
    await openPage('rollbar-options')
    const traceId = await call<Promise<string>>(page, 'escapeFromInteraction', 'submit handler crashed')
    const occurrence = await waitForOccurrence(servers.store, 'submit handler crashed')
    expect(occurrence.custom?.trace_id).toBe(traceId)
    await expectLinkedSpan(servers.store, occurrence, 'exception')
    const trace = await waitForTrace(servers.store, traceId, 2)
    const interaction = trace.spans.find((span) => span.name === 'submit form')!
    expect(trace.spans.find((span) => span.spanId === occurrence.custom!.span_id)!.parentSpanId).toBe(interaction.spanId)
  })

  test('a failed fetch whose rejection the app leaves unhandled is reported on that fetch span', async ({ page, servers, openPage }) => {
    await openPage('rollbar-options')
    // nothing listens on port 1: the connection is refused at once
    await call<void>(page, 'unhandledFetchFailure', 'http://127.0.0.1:1/api/unreachable')
    // other pages of this worker report "Failed to fetch" too: this page's occurrence is the one of its session
    const sessionId = await page.evaluate(() => (window as never as { __TEST__: { sessionId: () => string } }).__TEST__.sessionId())
    let occurrence: RollbarInstance['data'] | undefined
    await expect
      .poll(async () => {
        const { body } = await getJson<{ result: { items: { id: number; title: string }[] } }>(
          `${servers.store.url}/api/1/items?q=${encodeURIComponent('Failed to fetch')}`,
        )
        for (const item of body.result.items) {
          const instances = await getJson<{ result: { instances: RollbarInstance[] } }>(`${servers.store.url}/api/1/item/${item.id}/instances`)
          occurrence ??= instances.body.result.instances.find((instance) => instance.data.custom?.session_id === sessionId)?.data
        }
        return occurrence?.custom?.trace_id
      })
      .toMatch(/^[0-9a-f]{32}$/)
    await expectLinkedSpan(servers.store, occurrence!, 'GET')
  })

  test('an existing Rollbar instance is bridged at once: a report in the same task as initWebTracing is linked', async ({ page, servers, openPage }) => {
    const config = await openPage('rollbar-instance')
    const traceId = await call<string>(page, 'firstScriptTraceId', '')
    const occurrence = await waitForOccurrence(servers.store, `right after init ${config.serviceName}`)
    expect(occurrence.custom?.trace_id).toBe(traceId)
    await expectLinkedSpan(servers.store, occurrence, 'first script')
  })

  test('an existing Rollbar instance is bridged and its own transform still runs', async ({ page, servers, openPage }) => {
    await openPage('rollbar-instance')
    const traceId = await call<string>(page, 'reportInSpan', 'instance error')
    const occurrence = await waitForOccurrence(servers.store, 'instance error')
    expect(occurrence.custom).toMatchObject({ trace_id: traceId, app_transform: 'ran' })
    await expectLinkedSpan(servers.store, occurrence, 'place order')
    await call<void>(page, 'rejectUnhandled', 'promise rejected')
    const rejection = await waitForOccurrence(servers.store, 'promise rejected')
    await expectLinkedSpan(servers.store, rejection, 'exception')
  })
})
