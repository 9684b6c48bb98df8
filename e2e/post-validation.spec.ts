import { attributeValue, SPAN_KIND } from './fixtures/trace-model.js'
import { API_URL, expect, test } from './fixtures/test.js'

test('an invalid post shows the field error and the trace shows the 422 on both sides', async ({ page, traces }) => {
  await page.goto('/#/post')
  const postRequest = page.waitForRequest((request) => request.url() === `${API_URL}/api/activities` && request.method() === 'POST')
  await page.getByRole('textbox', { name: 'Message' }).fill('   ')
  await page.getByRole('button', { name: 'Post' }).click()

  await expect(page.locator('.field-error[data-field="message"]')).toHaveText('Message must not be empty')
  const traceparent = (await (await postRequest).allHeaders()).traceparent!
  const traceId = traceparent.split('-')[1]!

  const trace = await traces.waitForTrace(traceId, {
    spans: [
      { service: 'demo-web', kind: SPAN_KIND.client },
      { service: 'demo-api', kind: SPAN_KIND.server },
    ],
  })
  const fetchSpan = trace.span({ service: 'demo-web', kind: SPAN_KIND.client })
  const serverSpan = trace.span({ service: 'demo-api', kind: SPAN_KIND.server })
  expect(attributeValue(fetchSpan.attributes, 'http.response.status_code')).toBe('422')
  expect(attributeValue(serverSpan.attributes, 'http.response.status_code') ?? attributeValue(serverSpan.attributes, 'http.status_code')).toBe('422')
  expect(serverSpan.parentSpanId).toBe(fetchSpan.spanId)
})
