import { decodeTraceRequest } from '../otlp/decode-request.js'
import type { OtlpEncoding } from '../otlp/otlp-response.js'
import type { OtlpKeyValue, SpanRecord } from '../otlp/otlp-types.js'
import { contentId } from '../store/content-id.js'
import { spanRecordOf } from '../store/span-record.js'
import { buildTraceChunk } from '../store/trace-chunk.js'
import type { ContentRow, EncodedBatch, Operation } from './encoded-batch.js'

/**
 * Decodes and validates one OTLP export request and encodes its spans into
 * one chunk per trace. Needs no database, so it can run on an ingest worker.
 * Throws OtlpRequestError when the request as a whole is malformed.
 */
export function encodeBatch(encoding: OtlpEncoding, body: Uint8Array): EncodedBatch {
  const bodyBuffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const { spans, rejected } = decodeTraceRequest(encoding, bodyBuffer)
  const resources = new ContentRows()
  const scopes = new ContentRows()
  const resourceAttributesById = new Map<number, OtlpKeyValue[]>()
  const operations = new Map<string, Operation>()

  for (const span of spans) {
    const { stored } = span
    stored.resourceId = resources.idOf(span.resourceJson)
    stored.scopeId = scopes.idOf(span.scopeJson)
    if (!resourceAttributesById.has(stored.resourceId)) {
      resourceAttributesById.set(stored.resourceId, (JSON.parse(span.resourceJson) as { attributes: OtlpKeyValue[] }).attributes)
    }
    const operationKey = `${stored.serviceName}\u0000${stored.name}\u0000${stored.kind}`
    if (!operations.has(operationKey)) operations.set(operationKey, { serviceName: stored.serviceName, spanName: stored.name, kind: stored.kind })
  }

  const resourceAttributes = (resourceId: number) => resourceAttributesById.get(resourceId) ?? []
  const records = spans.map((span) => spanRecordOf(span.traceId, span.stored))
  const traces = [...groupByTrace(records)].map(([traceId, traceSpans]) => buildTraceChunk(traceId, withoutRepeats(traceSpans), resourceAttributes))
  return { traces, resources: resources.rows(), scopes: scopes.rows(), operations: [...operations.values()], rejected }
}

/** Ids of the distinct JSON texts of a batch; spans of one resourceSpans entry share one string, so the map hit is cheap. */
class ContentRows {
  private readonly idByJson = new Map<string, number>()

  idOf(json: string): number {
    let id = this.idByJson.get(json)
    if (id === undefined) {
      id = contentId(json)
      this.idByJson.set(json, id)
    }
    return id
  }

  rows(): ContentRow[] {
    return [...this.idByJson].map(([json, id]) => ({ id, json }))
  }
}

function groupByTrace(spans: SpanRecord[]): Map<string, SpanRecord[]> {
  const byTrace = new Map<string, SpanRecord[]>()
  for (const span of spans) {
    const group = byTrace.get(span.traceId)
    if (group) group.push(span)
    else byTrace.set(span.traceId, [span])
  }
  return byTrace
}

/** A span listed twice in one request is kept once. */
function withoutRepeats(spans: SpanRecord[]): SpanRecord[] {
  if (spans.length === 1) return spans
  const seen = new Set<string>()
  return spans.filter((span) => !seen.has(span.spanId) && seen.add(span.spanId))
}
