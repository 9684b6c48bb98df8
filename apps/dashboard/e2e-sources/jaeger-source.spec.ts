import { expect, test, type Page } from '@playwright/test'
import { fixture } from '../src/server/testing/fixture-server'
import { reimportDownload, spanById } from './reimport-download'
import { JAEGER_EVERY_VALUE_TRACE_ID, JAEGER_FAILING_TRACE_ID, JAEGER_OMITTED_DEFAULTS_TRACE_ID, JAEGER_TWO_SERVICES_TRACE_ID } from './upstreams'

// The dashboard with JAEGER_URL set, against Jaeger's recorded api_v3 answers (./upstreams.ts): issue 15's Jaeger cases.

const rowIds = (page: Page) =>
  page.locator('tr[data-trace-id]').evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-trace-id')))].sort())

test('the overview and the trace list search every service (Jaeger needs one per search) instead of failing', async ({ page }) => {
  // frontend's search and checkout-api's, merged: each trace once
  const found = ['2ea75461946a7dd10f2c15ab36a076cb', '5b8efff798038103d269b633813fc60c', '9d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a']
  await page.goto('/traces')
  await expect.poll(() => rowIds(page)).toEqual(found)
  await expect(page.locator('.state.error')).toHaveCount(0)

  await page.goto('/')
  await expect(page.locator(`tr[data-trace-id="${JAEGER_TWO_SERVICES_TRACE_ID}"]`).first()).toBeVisible()
  await expect(page.locator('.state.error')).toHaveCount(0)
  await expect(page.getByText('needs a service')).toHaveCount(0)
})

test('shows a trace with a span whose zero times Jaeger left out, saying so, instead of failing the trace', async ({ page }) => {
  const response = await page.goto(`/traces/${JAEGER_OMITTED_DEFAULTS_TRACE_ID}`)
  expect(response?.status()).toBe(200)
  await expect(page.getByText('1 span came without a start or end time (the source leaves out zero values); taken as 0')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('run job')
  await expect(page.getByRole('treeitem')).toHaveCount(4)
})

test('a failing Jaeger answers 502 naming Jaeger, with advice that does not send the user to the trace store', async ({ page, request }) => {
  const api = await request.get(`/api/traces/${JAEGER_FAILING_TRACE_ID}`)
  expect(api.status()).toBe(502)
  expect(((await api.json()) as { error: { message: string } }).error.message).toContain('Jaeger')

  await page.goto(`/traces/${JAEGER_FAILING_TRACE_ID}`)
  const failure = page.locator('.state.error')
  await expect(failure).toContainText('The data source could not be used')
  await expect(failure).toContainText('Jaeger answered HTTP 400')
  await expect(failure).not.toContainText(/trace store|npm start/)
})

test('the OTLP download of a Jaeger trace re-imports into the store with every value as Jaeger sent it', async ({ page }) => {
  await page.goto(`/traces/${JAEGER_EVERY_VALUE_TRACE_ID}`)
  const { text, view } = await reimportDownload(page, JAEGER_EVERY_VALUE_TRACE_ID)

  type Json = Record<string, unknown>
  const sent = (fixture('jaeger-v3-trace-every-value-type.json') as { result: { resourceSpans: Json[] } }).result.resourceSpans[0] as {
    resource: Json
    scopeSpans: { scope: Json; spans: Json[]; schemaUrl: string }[]
    schemaUrl: string
  }
  const spans = sent.scopeSpans[0]!.spans
  expect(view.spans).toHaveLength(spans.length)
  for (const original of spans) {
    const stored = spanById(view, original.spanId as string) as unknown as Json
    for (const field of [
      'traceState',
      'flags',
      'name',
      'kind',
      'startTimeUnixNano',
      'endTimeUnixNano',
      'droppedAttributesCount',
      'droppedEventsCount',
      'droppedLinksCount',
    ])
      if (original[field] !== undefined) expect([field, stored[field]]).toEqual([field, original[field]])
    expect(stored.parentSpanId).toBe(original.parentSpanId ?? null)
    expect(stored.status).toEqual({ code: (original.status as Json).code ?? 0, message: (original.status as Json).message ?? '' })
    // -0 is the one value the store cannot keep (JSON.stringify(-0) is "0"): the download spells it, checked below
    const attributes = (original.attributes as { key: string; value: Json }[]).map((entry) =>
      entry.key === 'ratio.negative_zero' ? { key: entry.key, value: { doubleValue: 0 } } : entry,
    )
    expect(stored.attributes).toEqual(attributes)
    expect(stored.events).toEqual(original.events ?? [])
    expect(stored.links).toEqual(original.links ?? [])
  }
  expect(Object.values(view.resources)[0]).toEqual({ ...sent.resource, schemaUrl: sent.schemaUrl })
  expect(Object.values(view.scopes)[0]).toEqual({ ...sent.scopeSpans[0]!.scope, schemaUrl: sent.scopeSpans[0]!.schemaUrl })
  expect(text).toContain('{"key":"ratio.negative_zero","value":{"doubleValue":"-0"}}')
  expect(text).toContain('{"key":"ratio.huge","value":{"doubleValue":1e+300}}')
})
