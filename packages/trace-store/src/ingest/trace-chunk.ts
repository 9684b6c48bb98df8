import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import type { SpanRecord } from './span-record.js'
import { AttributeDigestBuilder } from './attribute-digest.js'
import { encodeSpanChunk } from './span-chunk-codec.js'
import { addSpanToSummary, summaryOfSpan, type TraceSummary } from './trace-summary.js'

/** What one `span_chunks` row holds, plus the summary of its spans: everything a write needs besides the database. */
export interface TraceChunk {
  traceId: string
  spanIds: string[]
  /** brotli-compressed JSON array of the spans (see span-chunk-codec.ts) */
  spans: Uint8Array
  index: string
  /** brotli-compressed span outlines (see span-chunk-codec.ts) */
  outline: Uint8Array
  attributeDigest: string
  summary: TraceSummary
}

/**
 * Encodes the span records of one trace into a chunk. `resourceAttributes`
 * gives a resource's attributes by id, so resource attributes are searchable too.
 */
export function buildTraceChunk(traceId: string, spans: SpanRecord[], resourceAttributes: (resourceId: number) => OtlpKeyValue[]): TraceChunk {
  const digest = new AttributeDigestBuilder()
  const summary = summaryOfSpan(spans[0]!)
  const spanIds: string[] = []
  for (const [index, span] of spans.entries()) {
    spanIds.push(span.spanId)
    digest.addSpan(span)
    digest.addAttributes(resourceAttributes(span.resourceId))
    if (index > 0) addSpanToSummary(summary, span)
  }
  const chunk = encodeSpanChunk(spans)
  return { traceId, spanIds, spans: chunk.spans, index: chunk.index, outline: chunk.outline, attributeDigest: digest.build(), summary }
}
