import { SPAN_KIND } from './fixtures/trace-model.js'
import { API_URL, expect, test } from './fixtures/test.js'

const ROUNDS = 5

test('clicking and immediately navigating away loses no span', async ({ page, traces }) => {
  const traceIds: string[] = []
  for (let round = 0; round < ROUNDS; round += 1) {
    await page.goto('/#/search')
    const searchRequest = page.waitForRequest((request) => request.url().startsWith(`${API_URL}/api/activities/search`))
    await page.getByRole('textbox', { name: 'Term' }).fill(`cloud ${round}`)
    await page.getByRole('button', { name: 'Search' }).click()
    const traceparent = (await (await searchRequest).allHeaders()).traceparent
    expect(traceparent, `round ${round}: the search request carries traceparent`).toBeDefined()
    traceIds.push(traceparent!.split('-')[1]!)
    await page.goto('about:blank')
  }
  for (const traceId of traceIds) {
    const trace = await traces.waitForTrace(traceId, {
      spans: [
        { service: 'demo-web', kind: SPAN_KIND.client },
        { service: 'demo-api', kind: SPAN_KIND.server },
      ],
    })
    expect(trace.span({ service: 'demo-api', kind: SPAN_KIND.server }).parentSpanId).toBe(trace.span({ service: 'demo-web', kind: SPAN_KIND.client }).spanId)
  }
})
