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
// Below this many characters a text is stored as it is. Each brotli call costs
// ~15 µs of setup whatever the size, and a text this short shrinks by a third at
// best: for one-span traces (a Collector batch of 8,192 of them needs two texts
// each) the calls were most of the ingest time, for ~100 bytes saved a span.
const MIN_COMPRESSED_CHARS = 1024
// Stored text starts with '[' (spans) or '{' (outlines). A brotli stream from
// compress() never does: its first byte always has low nibble 0x3 (the window
// size; brotli uses 18 bits at quality 0), and these two have 0xB.
const RAW_TEXT_FIRST_BYTES = new Set(['['.charCodeAt(0), '{'.charCodeAt(0)])

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
  /** JSON array of the spans' stored text (see span-json.ts), brotli-compressed unless it is short (see packText) */
  spans: Buffer
  /** one `spanId:start:end:resourceId:scopeId:from:to:operationId` entry per span, comma-separated */
  index: string
  /**
   * outlines of the spans (compressed as `spans` is) (storedSpanOutlineJson, led by the
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

/** A chunk column's bytes: the text brotli-compressed, or as UTF-8 when it is short. */
export function packText(text: string): Buffer {
  if (text.length >= MIN_COMPRESSED_CHARS) return compress(text)
  // Buffer.from(string) may place short text in Node's shared 8 KiB pool: copy it into a buffer of its own
  const bytes = new Uint8Array(Buffer.byteLength(text))
  const own = Buffer.from(bytes.buffer, 0, bytes.byteLength)
  own.write(text, 'utf8')
  return own
}

function unpackText(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return RAW_TEXT_FIRST_BYTES.has(buffer[0]!) ? buffer.toString('utf8') : brotliDecompressSync(buffer).toString('utf8')
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
  return { spans: packText(`[${texts.join(',')}]`), index: entries.join(','), outline: packText(outlines.join('\n')) }
}

/** The outlines of a chunk's spans, in index order. */
export function decodeSpanChunkOutlines(outline: Buffer): string[] {
  return unpackText(outline).split('\n')
}

export function decodeSpanChunkText(spans: Buffer): string {
  return unpackText(spans)
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
