import { SPAN_KIND, STATUS_ERROR, attributeValue } from './fixtures/trace-model.js'
import { API_URL, expect, test } from './fixtures/test.js'

const THROWN_MESSAGE = 'The demo click handler exploded'
const ROLLBAR_UUID_ATTRIBUTE = 'rollbar.item.uuid'

function exceptionMessageOf(body: unknown): string | undefined {
  const payload = body as { trace?: { exception?: { message?: string } }; trace_chain?: { exception?: { message?: string } }[] }
  return payload.trace?.exception?.message ?? payload.trace_chain?.[0]?.exception?.message
}

test('the throwing button yields a Rollbar item whose trace holds the exception and the item uuid', async ({ page, traces, rollbar }) => {
  await page.goto('/#/errors')
  await page.getByRole('button', { name: 'Throw in a click handler' }).click()

  const { occurrence } = await rollbar.waitForOccurrence(
    'the thrown click-handler error',
    (_item, candidate) => exceptionMessageOf(candidate.data.body) === THROWN_MESSAGE,
  )
  const traceId = occurrence.data.custom?.trace_id
  expect(traceId).toMatch(/^[0-9a-f]{32}$/)
  expect(occurrence.data.custom?.span_id).toMatch(/^[0-9a-f]{16}$/)
  expect(occurrence.data.custom?.session_id).toEqual(expect.any(String))

  const trace = await traces.waitForTrace(String(traceId), {
    where: (candidate) => candidate.spans.some((span) => attributeValue(span.attributes, ROLLBAR_UUID_ATTRIBUTE) === occurrence.data.uuid),
  })
  const erroredSpan = trace.spans.find((span) => attributeValue(span.attributes, ROLLBAR_UUID_ATTRIBUTE) === occurrence.data.uuid)!
  expect(erroredSpan.spanId).toBe(occurrence.data.custom?.span_id)
  expect(erroredSpan.status.code).toBe(STATUS_ERROR)
  const exception = erroredSpan.events.find((event) => event.name === 'exception')
  expect(exception && attributeValue(exception.attributes, 'exception.message')).toBe(THROWN_MESSAGE)
})

test('the failing endpoint yields a server-side Rollbar item with the browser request’s trace id', async ({ page, traces, rollbar }) => {
  await page.goto('/#/errors')
  const failRequest = page.waitForRequest((request) => request.url() === `${API_URL}/api/fail`)
  await page.getByRole('button', { name: 'Call the failing endpoint' }).click()
  const traceId = (await (await failRequest).allHeaders()).traceparent!.split('-')[1]!
  await expect(page.getByRole('alert')).toContainText('The API failed')

  const { occurrence } = await rollbar.waitForOccurrence(
    `a server-side item for trace ${traceId}`,
    (_item, candidate) => candidate.data.custom?.trace_id === traceId && (candidate.data as { notifier?: { name?: string } }).notifier?.name === 'node_rollbar',
  )
  const trace = await traces.waitForTrace(traceId, {
    spans: [
      { service: 'demo-web', kind: SPAN_KIND.client },
      { service: 'demo-api', kind: SPAN_KIND.server },
    ],
  })
  const serverSpan = trace.span({ service: 'demo-api', kind: SPAN_KIND.server })
  expect(serverSpan.status.code).toBe(STATUS_ERROR)
  expect(occurrence.data.custom?.span_id).toEqual(expect.stringMatching(/^[0-9a-f]{16}$/))
  expect(trace.spans.map((span) => span.spanId)).toContain(occurrence.data.custom?.span_id)
})
