import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { makeRealisticBatch } from '../../bench/realistic-batch.js'
import { makeRequest, makeSpan, newTraceId } from '../../test-support/otlp-builders.js'
import { TRICKY_TEXT } from '../../test-support/readable-batch.js'
import { encodeBatch, encodePackedBatch } from './encode-batch.js'
import { PACKED_BLOCK_BYTES, unpackTraces } from './packed-batch.js'
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
      expect({ ...packed, blocks: undefined, traceCount: undefined }).toEqual({ ...inline, traces: undefined })
    }
  })

  it('hold a large batch in blocks of bounded size, each its own buffer, every trace whole in one block', () => {
    const spans = Array.from({ length: 3000 }, (_, index) =>
      makeSpan({ name: `span ${index}`, attributes: [{ key: 'pad', value: { stringValue: 'x'.repeat(500) } }] }),
    )
    const body = Buffer.from(JSON.stringify(makeRequest('svc', spans)))
    const inline = encodeBatch('json', body)
    const packed = encodePackedBatch('json', body)
    expect(packed.blocks.length).toBeGreaterThan(1)
    for (const block of packed.blocks) {
      expect(block.byteLength).toBeLessThanOrEqual(PACKED_BLOCK_BYTES)
      // transferable on its own: the block is its ArrayBuffer's only content
      expect([block.byteOffset, block.buffer.byteLength >= block.byteLength]).toEqual([0, true])
    }
    expect(new Set(packed.blocks.map((block) => block.buffer)).size).toBe(packed.blocks.length)
    expect(comparable(unpackTraces(packed))).toEqual(comparable(inline.traces))
  })

  it('give a trace larger than a block a block of its own', () => {
    const traceId = newTraceId()
    const big = Array.from({ length: 40 }, (_, index) =>
      makeSpan({ traceId, name: `big ${index}`, attributes: [{ key: 'blob', value: { stringValue: randomBytes(40_000).toString('base64') } }] }),
    )
    const body = Buffer.from(JSON.stringify(makeRequest('svc', [makeSpan({ name: 'small' }), ...big])))
    const packed = encodePackedBatch('json', body)
    expect(Math.max(...packed.blocks.map((block) => block.byteLength))).toBeGreaterThan(PACKED_BLOCK_BYTES)
    expect(comparable(unpackTraces(packed))).toEqual(comparable(encodeBatch('json', body).traces))
  })

  it('have no traces for a request without spans', () => {
    const packed = encodePackedBatch('json', Buffer.from(JSON.stringify({ resourceSpans: [] })))
    expect(packed.traceCount).toBe(0)
    expect([...unpackTraces(packed)]).toEqual([])
  })
})
