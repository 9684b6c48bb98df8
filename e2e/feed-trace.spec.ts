import { attributeValue, SPAN_KIND } from './fixtures/trace-model.js'
import { API_URL, expect, STORE_URL, test } from './fixtures/test.js'

test('opening the feed yields one trace from the browser click to the database', async ({ page, traces }) => {
  await page.goto('/')
  await expect(page.getByRole('list', { name: 'activities' }).getByRole('listitem').first()).toBeVisible()

  const trace = await traces.waitFor({
    service: 'demo-api',
    name: 'mock-data',
    spans: [
      { service: 'demo-web', kind: SPAN_KIND.client },
      { service: 'demo-api', kind: SPAN_KIND.server },
    ],
  })

  const fetchSpan = trace.span({ service: 'demo-web', kind: SPAN_KIND.client, attributes: { 'url.full': `${API_URL}/api/activities/home` } })
  const serverSpan = trace.span({ service: 'demo-api', kind: SPAN_KIND.server })
  expect(serverSpan.parentSpanId).toBe(fetchSpan.spanId)
  expect(trace.parentOf(fetchSpan), 'the fetch has a browser parent (query or document load)').toMatchObject({ serviceName: 'demo-web' })

  const mockData = trace.span({ service: 'demo-api', name: 'mock-data' })
  expect(attributeValue(mockData.attributes, 'app.now')).toEqual(expect.any(String))
  expect(Number(attributeValue(mockData.attributes, 'app.result_length'))).toBeGreaterThan(0)

  const databaseSpans = trace.spans.filter((span) => attributeValue(span.attributes, 'db.system.name') === 'sqlite')
  expect(databaseSpans.length).toBeGreaterThan(0)
  for (const span of databaseSpans) expect(attributeValue(span.attributes, 'db.query.text')).toEqual(expect.any(String))
  expect(new Set(trace.spans.map((span) => span.traceId))).toEqual(new Set([trace.traceId]))
})

test('the cross-origin API request carries traceparent and a request to another origin does not', async ({ page }) => {
  const apiRequest = page.waitForRequest((request) => request.url() === `${API_URL}/api/activities/home`)
  await page.goto('/')
  const apiHeaders = await (await apiRequest).allHeaders()
  expect(apiHeaders.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)

  await page.getByRole('link', { name: 'Errors' }).click()
  const storeRequest = page.waitForRequest((request) => request.url() === `${STORE_URL}/health`)
  await page.getByRole('button', { name: /Check the store/ }).click()
  const storeHeaders = await (await storeRequest).allHeaders()
  await expect(page.getByRole('status')).toHaveText('store answered 200')
  expect(storeHeaders.traceparent).toBeUndefined()
  expect(storeHeaders.tracestate).toBeUndefined()
})
