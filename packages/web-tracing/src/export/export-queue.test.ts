import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web'
import { describe, expect, it } from 'vitest'
import { ExportQueue, KEEPALIVE_BUDGET_BYTES, type ExportQueueOptions } from './export-queue.js'

const resource = resourceFromAttributes({ 'service.name': 'web' })

function makeSpan(index: number, attributes: ReadableSpan['attributes'] = {}): ReadableSpan {
  const spanId = index.toString(16).padStart(16, '0')
  return {
    name: `span ${index}`,
    kind: SpanKind.INTERNAL,
    spanContext: () => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId, traceFlags: TraceFlags.SAMPLED }),
    startTime: [1718000000, 0],
    endTime: [1718000001, 0],
    status: { code: SpanStatusCode.UNSET },
    attributes,
    links: [],
    events: [],
    duration: [1, 0],
    ended: true,
    resource,
    instrumentationScope: { name: 'test' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  }
}

interface Sent {
  spanIds: string[]
  bytes: number
  keepalive: boolean
}

function recordingFetch(status = 200) {
  const sent: Sent[] = []
  const fetch: ExportQueueOptions['fetch'] = (_url, init) => {
    const body = JSON.parse(String(init.body)) as { resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[] }
    sent.push({
      spanIds: body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => span.spanId))),
      bytes: String(init.body).length,
      keepalive: init.keepalive === true,
    })
    return Promise.resolve(new Response('{}', { status }))
  }
  return { sent, fetch }
}

const baseOptions = { url: 'http://collector/v1/traces', headers: {}, maxBatchSize: 100, delayMs: 60_000, timeoutMs: 1000 }

describe('ExportQueue', () => {
  it('drops the oldest spans beyond maxQueueSize and counts them', async () => {
    const { sent, fetch } = recordingFetch()
    const queue = new ExportQueue({ ...baseOptions, fetch, maxQueueSize: 3 })
    for (let index = 1; index <= 5; index++) queue.onEnd(makeSpan(index))
    expect(queue.stats()).toMatchObject({ droppedSpans: 2, queuedSpans: 3 })
    await queue.forceFlush()
    expect(sent.flatMap((request) => request.spanIds)).toEqual(['0000000000000003', '0000000000000004', '0000000000000005'])
    expect(queue.stats()).toMatchObject({ exportedSpans: 3, queuedSpans: 0 })
  })

  it('on page hide sends every queued span with keepalive, in bodies under the 64 KiB budget', () => {
    const { sent, fetch } = recordingFetch()
    const queue = new ExportQueue({ ...baseOptions, fetch, maxQueueSize: 1000 })
    // ~1 KB per span: about 150 KB in all
    for (let index = 1; index <= 150; index++) queue.onEnd(makeSpan(index, { payload: 'x'.repeat(1000) }))
    queue.flushOnHide()
    expect(sent.length).toBeGreaterThan(2)
    expect(sent.flatMap((request) => request.spanIds)).toHaveLength(150)
    for (const request of sent) expect(request.bytes).toBeLessThanOrEqual(KEEPALIVE_BUDGET_BYTES)
    // the first chunk fits the budget; the rest are sent without keepalive rather than refused
    expect(sent[0]!.keepalive).toBe(true)
  })

  it('keeps a batch for a later retry when the collector asks for one', async () => {
    const { sent, fetch } = recordingFetch(503)
    const queue = new ExportQueue({ ...baseOptions, fetch, maxQueueSize: 10 })
    queue.onEnd(makeSpan(1))
    await queue.forceFlush()
    expect(sent).toHaveLength(1)
    expect(queue.stats()).toMatchObject({ exportedSpans: 0, queuedSpans: 1, failedSpans: 0 })
    await queue.shutdown()
  })
})
