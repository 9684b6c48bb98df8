import { describe, expect, it } from 'vitest'
import { makeRealisticBatch } from '../../bench/realistic-batch.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { TRICKY_TEXT } from '../../test-support/readable-batch.js'
import { encodeBatch, encodePackedBatch } from './encode-batch.js'
import { unpackTraces } from './packed-batch.js'
import type { TraceChunk } from './trace-chunk.js'

/** Chunks with their bytes as base64, whatever holds them. */
function comparable(traces: Iterable<TraceChunk>) {
  return [...traces].map((trace) => ({ ...trace, spans: Buffer.from(trace.spans).toString('base64'), outline: Buffer.from(trace.outline).toString('base64') }))
}

describe('packed batches', () => {
  it('unpack to exactly the chunks encodeBatch makes, in the same order', () => {
    const traceId = newTraceId()
    const request = makeRequest(TRICKY_TEXT, [
      makeSpan({ traceId, name: TRICKY_TEXT, attributes: [{ key: TRICKY_TEXT, value: { stringValue: TRICKY_TEXT } }] }),
      makeSpan({ traceId, name: 'child', status: { code: 2 }, startTimeUnixNano: '9223372036854775000', endTimeUnixNano: '9223372036854775807' }),
      makeSpan({ name: 'other' }),
    ])
    const realistic = makeRealisticBatch({ spanCount: 64, startTimeUnixNano: 1_718_000_000_000_000_000n })
    for (const body of [JSON.stringify(request), JSON.stringify(realistic)]) {
      const inline = encodeBatch('json', Buffer.from(body))
      const packed = encodePackedBatch('json', Buffer.from(body))
      expect(packed.traceCount).toBe(inline.traces.length)
      expect(comparable(unpackTraces(packed))).toEqual(comparable(inline.traces))
      expect({ ...packed, traceLines: undefined, bytes: undefined, traceCount: undefined }).toEqual({ ...inline, traces: undefined })
    }
  })

  it('hold every trace of a large batch in one buffer of exactly their bytes', () => {
    const spans = Array.from({ length: 3000 }, (_, index) => makeSpan({ name: `span ${index}` }))
    const inline = encodeBatch('json', Buffer.from(JSON.stringify(makeRequest('svc', spans))))
    const packed = encodePackedBatch('json', Buffer.from(JSON.stringify(makeRequest('svc', spans))))
    const totalBytes = inline.traces.reduce((sum, trace) => sum + trace.spans.byteLength + trace.outline.byteLength, 0)
    expect(packed.bytes.byteLength).toBe(totalBytes)
    expect(new Set([...unpackTraces(packed)].map((trace) => trace.spans.buffer))).toEqual(new Set([packed.bytes.buffer]))
    expect(comparable(unpackTraces(packed))).toEqual(comparable(inline.traces))
  })

  it('have no traces for a request without spans', () => {
    const packed = encodePackedBatch('json', Buffer.from(JSON.stringify({ resourceSpans: [] })))
    expect(packed.traceCount).toBe(0)
    expect([...unpackTraces(packed)]).toEqual([])
  })
})
