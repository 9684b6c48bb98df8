/// <reference types="node" />
// This test runs in Node (Vitest); the package itself is built without Node types.
import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api'
import { resourceFromAttributes } from '@opentelemetry/resources'
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it, vi } from 'vitest'
import { ExportQueue, MAX_REQUEST_BYTES, type ExportQueueOptions } from './export-queue.js'
import { KEEPALIVE_BUDGET_BYTES, MAX_KEEPALIVE_REQUESTS } from './keepalive-budget.js'

const resource = resourceFromAttributes({ 'service.name': 'web' })

function makeSpan(index: number, attributes: ReadableSpan['attributes'] = {}): ReadableSpan {
  const spanId = index.toString(16).padStart(16, '0')
  return {
    name: `span ${index}`,
    kind: SpanKind.INTERNAL,
    spanContext: () => ({ traceId: '5b8efff798038103d269b633813fc60c', spanId, traceFlags: TraceFlags.SAMPLED }),
    startTime: [1718000000, index],
    endTime: [1718000001, index],
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

const spanIds = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, offset) => (from + offset).toString(16).padStart(16, '0'))

interface Sent {
  spanIds: string[]
  bytes: number
  keepalive: boolean
  gzip: boolean
  /** finishes the response body: until then the request holds the keepalive quota */
  answer: () => void
}

/**
 * A collector that answers 200 at once but keeps each response body open
 * (as a slow collector's would) until the test calls `answer` — or, with
 * `autoAnswer`, answers that status with a complete body.
 */
function manualCollector(options: { autoAnswer?: number; refuseKeepalive?: boolean } = {}) {
  const sent: Sent[] = []
  const fetch: ExportQueueOptions['fetch'] = (_url, init) => {
    if (options.refuseKeepalive && init.keepalive) return Promise.reject(new TypeError('Failed to fetch'))
    const raw = init.body as string | Uint8Array
    const text = typeof raw === 'string' ? raw : gunzipSync(raw).toString('utf8')
    const body = JSON.parse(text) as { resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[] }
    let finish = () => undefined as void
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        finish = () => controller.close()
      },
    })
    sent.push({
      spanIds: body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => span.spanId))),
      bytes: typeof raw === 'string' ? raw.length : raw.byteLength,
      keepalive: init.keepalive === true,
      gzip: (init.headers as Record<string, string>)['content-encoding'] === 'gzip',
      answer: () => finish(),
    })
    if (options.autoAnswer !== undefined) return Promise.resolve(new Response('{}', { status: options.autoAnswer }))
    return Promise.resolve(new Response(stream, { status: 200 }))
  }
  return { sent, fetch, allSpanIds: () => sent.flatMap((request) => request.spanIds) }
}

const baseOptions = { url: 'http://collector/v1/traces', headers: {}, maxBatchSize: 100, delayMs: 60_000, timeoutMs: 10_000 }

describe('ExportQueue', () => {
  it('drops the oldest spans beyond maxQueueSize and counts them', async () => {
    const { fetch, allSpanIds } = manualCollector({ autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch, maxQueueSize: 3 })
    for (let index = 1; index <= 5; index++) queue.onEnd(makeSpan(index))
    expect(queue.stats()).toMatchObject({ droppedSpans: 2, queuedSpans: 3 })
    await queue.forceFlush()
    expect(allSpanIds()).toEqual(spanIds(3, 5))
    expect(queue.stats()).toMatchObject({ exportedSpans: 3, queuedSpans: 0 })
  })

  it('sends a burst whole at once, and keeps spans that trickle in for a full request or the export delay', async () => {
    const collector = manualCollector()
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 100, maxBatchSize: 10 })
    // a burst of 25: two full requests and the partial rest, all sent at once
    for (let index = 1; index <= 25; index++) queue.onEnd(makeSpan(index))
    for (let answered = 0; answered < 3; answered++) {
      await vi.waitFor(() => expect(collector.sent.length).toBeGreaterThan(answered))
      // while a request is in flight, spans trickle in: not part of the burst
      if (answered === 2) for (let index = 26; index <= 30; index++) queue.onEnd(makeSpan(index))
      collector.sent[answered]!.answer()
    }
    await vi.waitFor(() => expect(queue.stats().exportedSpans).toBe(25))
    expect(collector.allSpanIds()).toEqual(spanIds(1, 25))
    // the 5 that trickled in are no full request: they wait for the (60 s) delay
    await new Promise((resolve) => setImmediate(resolve))
    expect(collector.sent).toHaveLength(3)
    expect(queue.stats().queuedSpans).toBe(5)
    const flushed = queue.forceFlush()
    await vi.waitFor(() => expect(collector.sent).toHaveLength(4))
    collector.sent[3]!.answer()
    await flushed
    expect(collector.allSpanIds()).toEqual(spanIds(1, 30))
  })

  it('in a steady trickle sends full requests only: the span past a full request waits for the next one', async () => {
    const collector = manualCollector({ autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 100, maxBatchSize: 10 })
    // one span more than a request holds, before the export starts: no burst, so the 11th is not sent alone
    for (let index = 1; index <= 11; index++) queue.onEnd(makeSpan(index))
    await vi.waitFor(() => expect(queue.stats().exportedSpans).toBe(10))
    await new Promise((resolve) => setImmediate(resolve))
    expect(collector.sent.map((request) => request.spanIds)).toEqual([spanIds(1, 10)])
    for (let index = 12; index <= 20; index++) queue.onEnd(makeSpan(index))
    await vi.waitFor(() => expect(queue.stats().exportedSpans).toBe(20))
    expect(collector.sent.map((request) => request.spanIds)).toEqual([spanIds(1, 10), spanIds(11, 20)])
  })

  it('when the export delay is over sends what is queued, and spans that end meanwhile wait for their own delay', async () => {
    const collector = manualCollector()
    const queue = new ExportQueue({ ...baseOptions, delayMs: 500, fetch: collector.fetch, maxQueueSize: 100 })
    for (let index = 1; index <= 3; index++) queue.onEnd(makeSpan(index))
    await vi.waitFor(() => expect(collector.sent).toHaveLength(1), { timeout: 5000 })
    for (let index = 4; index <= 5; index++) queue.onEnd(makeSpan(index))
    collector.sent[0]!.answer()
    await vi.waitFor(() => expect(queue.stats().exportedSpans).toBe(3))
    await new Promise((resolve) => setImmediate(resolve))
    // not chased with a request of their own at once
    expect(collector.sent).toHaveLength(1)
    expect(queue.stats().queuedSpans).toBe(2)
    await vi.waitFor(() => expect(collector.sent).toHaveLength(2), { timeout: 5000 })
    expect(collector.sent[1]!.spanIds).toEqual(spanIds(4, 5))
    collector.sent[1]!.answer()
    await queue.forceFlush()
  })

  it('holds the keepalive budget until the response body is consumed, not until fetch resolves', async () => {
    const collector = manualCollector()
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 10_000, maxBatchSize: 10_000 })
    for (let index = 1; index <= 80; index++) queue.onEnd(makeSpan(index, { payload: 'x'.repeat(400) }))
    const flushed = queue.forceFlush()
    await vi.waitFor(() => expect(collector.sent).toHaveLength(1))
    const first = collector.sent[0]!
    expect(first.keepalive).toBe(true)
    expect(first.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES)
    queue.onEnd(makeSpan(100))
    // regular requests go one at a time, each after the previous body was read
    for (let answered = 0; answered < collector.sent.length; answered++) {
      collector.sent[answered]!.answer()
      await vi.waitFor(() => expect(collector.sent.length > answered + 1 || queue.stats().queuedSpans === 0).toBe(true))
    }
    await flushed
    expect(collector.sent.every((request) => request.keepalive && request.bytes <= MAX_REQUEST_BYTES)).toBe(true)
    expect(collector.allSpanIds()).toEqual([...spanIds(1, 80), ...spanIds(100, 100)])
    expect(queue.stats()).toMatchObject({ exportedSpans: 81, queuedSpans: 0, droppedSpans: 0 })
  })

  it('gives the unload request only the keepalive budget that requests with unread bodies leave', async () => {
    const collector = manualCollector()
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 10_000 })
    for (let index = 1; index <= 40; index++) queue.onEnd(makeSpan(index, { payload: Math.random().toString(36).repeat(15) }))
    void queue.forceFlush()
    await vi.waitFor(() => expect(collector.sent).toHaveLength(1))
    // the first request's fetch resolved; its body is still unread
    for (let index = 41; index <= 400; index++) queue.onEnd(makeSpan(index, { payload: Math.random().toString(36).repeat(15) }))
    queue.pageHidden('gone')
    const [regular, unload] = collector.sent
    expect(unload!.keepalive).toBe(true)
    expect(regular!.bytes + unload!.bytes).toBeLessThanOrEqual(KEEPALIVE_BUDGET_BYTES)
    expect(queue.stats().droppedSpans).toBe(400 - regular!.spanIds.length - unload!.spanIds.length)
  })

  it('when the page goes away, sends every queued span in one keepalive request, gzipped when plain JSON would not fit', () => {
    const collector = manualCollector({ autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 5000 })
    // ~150 KB of JSON: over the budget as text, far under it gzipped
    for (let index = 1; index <= 300; index++) queue.onEnd(makeSpan(index, { payload: `${index} ${'x'.repeat(400)}` }))
    queue.pageHidden('gone')
    expect(collector.sent).toHaveLength(1)
    expect(collector.sent[0]).toMatchObject({ keepalive: true, gzip: true })
    expect(collector.sent[0]!.bytes).toBeLessThanOrEqual(KEEPALIVE_BUDGET_BYTES)
    expect(collector.allSpanIds()).toEqual(spanIds(1, 300))
  })

  it('sends plain JSON at unload when it fits', () => {
    const collector = manualCollector({ autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 5000 })
    for (let index = 1; index <= 20; index++) queue.onEnd(makeSpan(index))
    queue.pageHidden('hidden')
    expect(collector.sent).toMatchObject([{ keepalive: true, gzip: false }])
    expect(collector.allSpanIds()).toEqual(spanIds(1, 20))
  })

  it('at unload, also sends the spans of a batch whose first request is still in flight', async () => {
    const collector = manualCollector()
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 5000, maxBatchSize: 200 })
    for (let index = 1; index <= 500; index++) queue.onEnd(makeSpan(index, { payload: 'y'.repeat(100) }))
    void queue.forceFlush()
    await vi.waitFor(() => expect(collector.sent).toHaveLength(1))
    const inFlight = collector.sent[0]!.spanIds.length
    expect(inFlight).toBeLessThan(200)
    queue.pageHidden('gone')
    expect(collector.sent).toHaveLength(2)
    // the request in flight is a keepalive one and outlives the page; the unload request has everything else
    expect(collector.sent[0]!.keepalive).toBe(true)
    expect(collector.sent[1]!.spanIds).toEqual(spanIds(inFlight + 1, 500))
    expect(collector.sent[0]!.bytes + collector.sent[1]!.bytes).toBeLessThanOrEqual(KEEPALIVE_BUDGET_BYTES)
  })

  it('resends at unload the spans of a regular request that went without keepalive', async () => {
    const collector = manualCollector()
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 5000 })
    // one span larger than a keepalive request may be: its request goes without keepalive
    queue.onEnd(makeSpan(1, { payload: 'z'.repeat(KEEPALIVE_BUDGET_BYTES) }))
    void queue.forceFlush()
    await vi.waitFor(() => expect(collector.sent).toHaveLength(1))
    expect(collector.sent[0]!.keepalive).toBe(false)
    queue.onEnd(makeSpan(2))
    queue.pageHidden('gone')
    expect(collector.sent).toHaveLength(2)
    expect(collector.sent[1]).toMatchObject({ keepalive: true, gzip: true, spanIds: spanIds(1, 2) })
  })

  it('keeps the newest spans when even gzip does not fit, and counts the rest as dropped once the page is gone', () => {
    const collector = manualCollector({ autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 10_000 })
    // random payloads do not compress: ~2 MB
    for (let index = 1; index <= 1000; index++) queue.onEnd(makeSpan(index, { payload: Math.random().toString(36).repeat(80) }))
    queue.pageHidden('gone')
    expect(collector.sent).toHaveLength(1)
    const kept = collector.sent[0]!.spanIds
    expect(kept.length).toBeGreaterThan(10)
    expect(kept).toEqual(spanIds(1001 - kept.length, 1000))
    expect(collector.sent[0]!.bytes).toBeLessThanOrEqual(KEEPALIVE_BUDGET_BYTES)
    expect(queue.stats()).toMatchObject({ droppedSpans: 1000 - kept.length, queuedSpans: 0 })
  })

  it('while the page is only hidden, what does not fit stays queued for a regular request', () => {
    const collector = manualCollector({ autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 10_000 })
    for (let index = 1; index <= 1000; index++) queue.onEnd(makeSpan(index, { payload: Math.random().toString(36).repeat(80) }))
    queue.pageHidden('hidden')
    const kept = collector.sent[0]!.spanIds.length
    expect(queue.stats()).toMatchObject({ droppedSpans: 0, queuedSpans: 1000 - kept })
  })

  it('sends a span that ends while the page is going away at once, in the same turn', async () => {
    const collector = manualCollector({ autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 100 })
    queue.pageHidden('gone')
    queue.onEnd(makeSpan(7))
    await Promise.resolve()
    expect(collector.allSpanIds()).toEqual(spanIds(7, 7))
  })

  it('never has more than 9 keepalive requests in flight', () => {
    const collector = manualCollector()
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 100 })
    for (let index = 1; index <= 12; index++) {
      queue.pageHidden('hidden')
      queue.onEnd(makeSpan(index))
      queue.pageHidden('hidden')
    }
    expect(collector.sent.filter((request) => request.keepalive)).toHaveLength(MAX_KEEPALIVE_REQUESTS)
  })

  it('sends a refused keepalive request again at once without keepalive', async () => {
    const collector = manualCollector({ refuseKeepalive: true, autoAnswer: 200 })
    const queue = new ExportQueue({ ...baseOptions, fetch: collector.fetch, maxQueueSize: 100 })
    for (let index = 1; index <= 3; index++) queue.onEnd(makeSpan(index))
    await queue.forceFlush()
    expect(collector.sent).toMatchObject([{ keepalive: false }])
    expect(queue.stats()).toMatchObject({ exportedSpans: 3, queuedSpans: 0 })
  })

  it('keeps retrying while the collector answers 503, and sends each span once when it recovers', async () => {
    let nowMs = 0
    let failures = 8
    const sentIds: string[][] = []
    const fetch: ExportQueueOptions['fetch'] = (_url, init) => {
      const ids = (JSON.parse(String(init.body)) as { resourceSpans: { scopeSpans: { spans: { spanId: string }[] }[] }[] }).resourceSpans.flatMap((r) =>
        r.scopeSpans.flatMap((s) => s.spans.map((span) => span.spanId)),
      )
      if (failures-- > 0) return Promise.resolve(new Response('{}', { status: 503, headers: { 'retry-after': '1' } }))
      sentIds.push(ids)
      return Promise.resolve(new Response('{}', { status: 200 }))
    }
    const queue = new ExportQueue({ ...baseOptions, fetch, maxQueueSize: 100, now: () => nowMs })
    for (let index = 1; index <= 5; index++) queue.onEnd(makeSpan(index))
    for (let attempt = 0; attempt < 10; attempt++) {
      await queue.forceFlush()
      nowMs += 1000
    }
    expect(sentIds.flat()).toEqual(spanIds(1, 5))
    expect(queue.stats()).toMatchObject({ exportedSpans: 5, failedSpans: 0, queuedSpans: 0 })
    await queue.shutdown()
  })

  it('counts spans the collector rejected in a partial success as failed', async () => {
    const fetch: ExportQueueOptions['fetch'] = () =>
      Promise.resolve(new Response('{"partialSuccess":{"rejectedSpans":"2","errorMessage":"bad"}}', { status: 200 }))
    const queue = new ExportQueue({ ...baseOptions, fetch, maxQueueSize: 100 })
    for (let index = 1; index <= 5; index++) queue.onEnd(makeSpan(index))
    await queue.forceFlush()
    expect(queue.stats()).toMatchObject({ exportedSpans: 3, failedSpans: 2 })
  })
})
