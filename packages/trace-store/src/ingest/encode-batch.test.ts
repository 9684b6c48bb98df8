import { describe, expect, it } from 'vitest'
import { encodeProtobufRequest } from '../../bench/encode-protobuf.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { readableBatch } from '../../test-support/readable-batch.js'
import { getJson, postJson, startTestStore } from '../../test-support/test-store.js'
import { encodeBatch, encodePackedBatch, RECORD_WINDOW_SPANS } from './encode-batch.js'
import { scanJsonRequest } from './scan-json-request.js'

const ids = { resourceId: () => 1, scopeId: () => 2 }

/** A request of one-span traces, with one trace whose first and last spans fall in different record windows. */
function requestAcrossWindows(splitTraceId: string) {
  const spans = Array.from({ length: RECORD_WINDOW_SPANS + 10 }, (_, index) => makeSpan({ name: `span ${index}` }))
  spans[0] = makeSpan({ traceId: splitTraceId, name: 'first' })
  spans[RECORD_WINDOW_SPANS + 5] = makeSpan({ traceId: splitTraceId, name: 'last', status: { code: 2 } })
  // the same span again, in the later window: an exporter that repeats itself
  spans[RECORD_WINDOW_SPANS + 6] = { ...spans[0] }
  return makeRequest('svc', spans)
}

describe('encoding in record windows', () => {
  it('gives a trace whose spans fall in two windows one chunk per window, each span once', () => {
    const splitTraceId = newTraceId()
    for (const [encoding, body] of [
      ['json', Buffer.from(JSON.stringify(requestAcrossWindows(splitTraceId)))],
      ['protobuf', Buffer.from(encodeProtobufRequest(requestAcrossWindows(splitTraceId)))],
    ] as const) {
      const batch = encodeBatch(encoding, body)
      const chunks = batch.traces.filter((trace) => trace.traceId === splitTraceId)
      expect(chunks.map((chunk) => chunk.spanIds.length)).toEqual([1, 2])
      expect(batch.traces).toHaveLength(RECORD_WINDOW_SPANS + 10 - 2 + 1)
    }
  })

  it('stores such a trace whole, with its summary and each span once', async () => {
    const store = await startTestStore()
    try {
      const splitTraceId = newTraceId()
      expect((await postJson(`${store.url}/v1/traces`, requestAcrossWindows(splitTraceId))).status).toBe(200)
      const { body } = await getJson<{ spans: { name: string }[]; summary: unknown }>(`${store.url}/api/traces/${splitTraceId}`)
      expect(body.spans.map((span) => span.name).sort()).toEqual(['first', 'last'])
      expect(body.summary).toMatchObject({ spanCount: 2, errorCount: 1, rootSpanName: 'first' })
    } finally {
      await store.close()
    }
  })

  it('drops the windows already encoded when the fast path gives up later in the request', () => {
    const first = makeRequest(
      'svc',
      Array.from({ length: RECORD_WINDOW_SPANS + 1 }, (_, index) => makeSpan({ name: `span ${index}` })),
    )
    // the resource after its spans: the JSON scanner gives up (spans already read would have the wrong resource)
    const late = { scopeSpans: [{ spans: [makeSpan({ name: 'late' })] }], resource: { attributes: [{ key: 'service.name', value: { stringValue: 'b' } }] } }
    const body = Buffer.from(JSON.stringify({ resourceSpans: [...first.resourceSpans, late] }))
    expect(scanJsonRequest(body.toString(), ids)).toBeNull()
    const general = encodeBatch('json', body, { generalPathOnly: true })
    expect(readableBatch(encodeBatch('json', body))).toEqual(readableBatch(general))
    const packed = encodePackedBatch('json', body)
    expect(packed.traceCount).toBe(general.traces.length)
  })
})
