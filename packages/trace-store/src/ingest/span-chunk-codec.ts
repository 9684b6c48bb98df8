import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import type { SpanRecord } from './span-record.js'
import { compareNanoText, durationMsBetween } from './nano-time.js'
import { operationId } from './operation-id.js'
import { storedSpanOutlineJson } from './span-json.js'

// Brotli at quality 0 compresses span JSON about 12× (quality 1 gains 4% more
// for a quarter more time): the store stays small and the write stays cheap. A
// 64 KiB window fits a chunk (tens of KiB) and makes each call a third cheaper
// than the default 4 MiB window, which is mostly allocation for data this small.
const BROTLI_QUALITY = 0
const BROTLI_WINDOW_BITS = 16

/** Where one span sits in its chunk's JSON text, and what ordering and the trace view need without parsing it. */
export interface SpanIndexEntry {
  spanId: string
  startTimeUnixNano: string
  endTimeUnixNano: string
  resourceId: number
  scopeId: number
  /** offsets of the span's JSON object in the decompressed text (string indices) */
  from: number
  to: number
  /** the `operations` row of its service, name and kind (operation-id.ts) */
  operationId: number
}

export interface EncodedSpanChunk {
  /** brotli-compressed JSON array of the spans' stored text (see span-json.ts) */
  spans: Buffer
  /** one `spanId:start:end:resourceId:scopeId:from:to:operationId` entry per span, comma-separated */
  index: string
  /**
   * brotli-compressed outlines of the spans (storedSpanOutlineJson, led by the
   * span's `durationMs`), one per line in index order: a waterfall is drawn
   * from these without decompressing the spans (a sixth of their size) and
   * without parsing a time. JSON text never holds a raw newline.
   */
  outline: Buffer
}

/**
 * The compressed bytes in a buffer of their own. zlib hands back a view into
 * a 16 KiB output buffer however small the result (a one-span trace compresses
 * to ~300 bytes): kept per trace until the commit, and copied whole by a
 * worker's structured clone, those buffers made a 56,000-trace request take GBs.
 */
export function compress(text: string): Buffer {
  const compressed = brotliCompressSync(text, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: BROTLI_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  })
  if (compressed.byteLength === compressed.buffer.byteLength) return compressed
  // not Buffer.from(compressed): that copies small buffers into Node's shared 8 KiB pool
  const exact = new Uint8Array(compressed)
  return Buffer.from(exact.buffer, 0, exact.byteLength)
}

function compareSpanIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** By start time, then span id: the order of a chunk's spans, so a trace's chunks are merged, not sorted, on read. */
export function compareSpanStart(a: SpanIndexEntry, b: SpanIndexEntry): number {
  return compareNanoText(a.startTimeUnixNano, b.startTimeUnixNano) || compareSpanIds(a.spanId, b.spanId)
}

function compareRecordStart(a: SpanRecord, b: SpanRecord): number {
  return a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : compareSpanIds(a.spanId, b.spanId)
}

export function encodeSpanChunk(unorderedSpans: SpanRecord[]): EncodedSpanChunk {
  const spans = [...unorderedSpans].sort(compareRecordStart)
  const entries: string[] = []
  const texts: string[] = []
  const outlines: string[] = []
  let offset = 1 // after '['
  for (const span of spans) {
    const text = span.json
    texts.push(text)
    const durationMs = durationMsBetween(span.startTimeUnixNano, span.endTimeUnixNano)
    outlines.push(`{"durationMs":${durationMs},${storedSpanOutlineJson(text, 0, text.length).slice(1)}`)
    const operation = operationId(span.serviceName, span.name, span.kind)
    entries.push(
      `${span.spanId}:${span.startTimeUnixNano}:${span.endTimeUnixNano}:${span.resourceId}:${span.scopeId}:${offset}:${offset + text.length}:${operation}`,
    )
    offset += text.length + 1 // and the ',' after it
  }
  return { spans: compress(`[${texts.join(',')}]`), index: entries.join(','), outline: compress(outlines.join('\n')) }
}

/** The outlines of a chunk's spans, in index order. */
export function decodeSpanChunkOutlines(outline: Buffer): string[] {
  return brotliDecompressSync(outline).toString('utf8').split('\n')
}

export function decodeSpanChunkText(spans: Buffer): string {
  return brotliDecompressSync(spans).toString('utf8')
}

export function parseSpanIndex(index: string): SpanIndexEntry[] {
  return index.split(',').map((entry) => {
    const [spanId, startTimeUnixNano, endTimeUnixNano, resourceId, scopeId, from, to, operation] = entry.split(':')
    return {
      spanId: spanId!,
      startTimeUnixNano: startTimeUnixNano!,
      endTimeUnixNano: endTimeUnixNano!,
      resourceId: Number(resourceId),
      scopeId: Number(scopeId),
      from: Number(from),
      to: Number(to),
      operationId: Number(operation),
    }
  })
}

/** The span ids of a chunk, from its index alone. */
export function spanIdsOfIndex(index: string): string[] {
  return index.split(',').map((entry) => entry.slice(0, entry.indexOf(':')))
}
