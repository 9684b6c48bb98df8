import { describe, expect, it } from 'vitest'
import { operationId } from './operation-id.js'
import type { StoredSpan } from './stored-span.js'
import { spanRecordOf } from './span-record.js'
import { compress, decodeSpanChunkOutlines, packText, decodeSpanChunkText, encodeSpanChunk, parseSpanIndex, spanIdsOfIndex } from './span-chunk-codec.js'

function storedSpan(spanId: string, name: string, startTimeUnixNano: string): StoredSpan {
  return {
    spanId,
    parentSpanId: null,
    traceState: '',
    flags: 0,
    name,
    kind: 1,
    startTimeUnixNano,
    endTimeUnixNano: `${startTimeUnixNano}9`,
    attributes: [{ key: 'text', value: { stringValue: 'ünïcødé, "quotes" and {braces}' } }],
    droppedAttributesCount: 0,
    events: [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: 0, message: '' },
    serviceName: 'svc',
    resourceId: 3,
    scopeId: 7,
  }
}

describe('span chunks', () => {
  const spans = [storedSpan('1111111111111111', 'first', '100'), storedSpan('2222222222222222', 'second', '200')]
  // given out of order: a chunk keeps its spans by start time
  const chunk = encodeSpanChunk([...spans].reverse().map((span) => spanRecordOf('a'.repeat(32), span)))
  const text = decodeSpanChunkText(chunk.spans)

  it('round-trip the spans through compression', () => {
    expect(JSON.parse(text)).toEqual(spans)
  })

  it('index each span at the exact place of its JSON object in the text, multi-byte characters included', () => {
    const entries = parseSpanIndex(chunk.index)
    expect(entries.map((entry) => JSON.parse(text.slice(entry.from, entry.to)))).toEqual(spans)
    expect(entries[1]).toMatchObject({ spanId: '2222222222222222', startTimeUnixNano: '200', endTimeUnixNano: '2009', resourceId: 3, scopeId: 7 })
    expect(entries.map((entry) => entry.operationId)).toEqual([operationId('svc', 'first', 1), operationId('svc', 'second', 1)])
  })

  it('list the span ids from the index alone', () => {
    expect(spanIdsOfIndex(chunk.index)).toEqual(['1111111111111111', '2222222222222222'])
  })

  it("keep each span's outline in index order: duration, ids, name, kind, times, status and service", () => {
    const outlines = decodeSpanChunkOutlines(chunk.outline).map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(outlines.map((outline) => outline.name)).toEqual(['first', 'second'])
    const { spanId, parentSpanId, name, kind, startTimeUnixNano, endTimeUnixNano, status, serviceName } = spans[1]!
    // 200 ns to 2009 ns
    expect(outlines[1]).toEqual({ durationMs: 0.001809, spanId, parentSpanId, name, kind, startTimeUnixNano, endTimeUnixNano, status, serviceName })
  })

  it('order spans that start together by span id', () => {
    const sameStart = [storedSpan('ffffffffffffffff', 'later id', '100'), storedSpan('0000000000000001', 'earlier id', '100')]
    const encoded = encodeSpanChunk(sameStart.map((span) => spanRecordOf('a'.repeat(32), span)))
    expect(spanIdsOfIndex(encoded.index)).toEqual(['0000000000000001', 'ffffffffffffffff'])
  })
})

describe('compress', () => {
  it('returns a buffer that owns exactly its bytes, not a view into a larger output buffer', () => {
    const compressed = compress('{"name":"one small span"}')
    expect(compressed.byteLength).toBeLessThan(100)
    expect(compressed.byteOffset).toBe(0)
    expect(compressed.buffer.byteLength).toBe(compressed.byteLength)
    expect(decodeSpanChunkText(compressed)).toBe('{"name":"one small span"}')
  })

  it('gives every chunk buffers of their own size, whether its text is compressed or kept as it is', () => {
    const alone = encodeSpanChunk([spanRecordOf('b'.repeat(32), storedSpan('3333333333333333', 'alone', '300'))])
    const many = encodeSpanChunk(
      Array.from({ length: 20 }, (_, index) => spanRecordOf('c'.repeat(32), storedSpan(`${index}`.padStart(16, '0'), 'many', '300'))),
    )
    for (const chunk of [alone, many]) {
      expect(chunk.spans.buffer.byteLength).toBe(chunk.spans.byteLength)
      expect(chunk.outline.buffer.byteLength).toBe(chunk.outline.byteLength)
    }
  })
})

describe('packText', () => {
  it('keeps short text as UTF-8, compresses long text, and reads both back', () => {
    const short = '[{"name":"ünïcødé"}]'
    const long = `[${Array.from({ length: 100 }, (_, index) => `{"name":"span ${index}"}`).join(',')}]`
    expect(packText(short).toString('utf8')).toBe(short)
    expect(packText(long).length).toBeLessThan(long.length / 4)
    const chunk = encodeSpanChunk([spanRecordOf('d'.repeat(32), storedSpan('4444444444444444', 'short', '400'))])
    expect(JSON.parse(decodeSpanChunkText(chunk.spans))).toHaveLength(1)
    expect(decodeSpanChunkText(packText(long))).toBe(long)
  })
})
