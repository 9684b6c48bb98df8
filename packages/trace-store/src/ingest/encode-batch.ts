import { collectSpans, decodeTraceRequest } from './collect-spans.js'
import { parseJsonRequestText } from '../otlp/decode-json.js'
import type { OtlpEncoding } from '../otlp/otlp-response.js'
import type { OtlpKeyValue, RejectedSpan } from '../otlp/otlp-types.js'
import type { DecodedSpans } from './collect-spans.js'
import type { SpanRecord } from './span-record.js'
import { scanJsonRequest } from './scan-json-request.js'
import type { ContentIds, RecordWindow } from './scanned-request.js'
import { scanProtobufRequest } from './scan-protobuf-request.js'
import { contentId } from './content-id.js'
import { operationId } from './operation-id.js'
import { spanRecordOf } from './span-record.js'
import { buildTraceChunk, type TraceChunk } from './trace-chunk.js'
import type { BatchRows, ContentRow, EncodedBatch, Operation } from './encoded-batch.js'
import { PackedBatchBuilder, type PackedBatch } from './packed-batch.js'

export interface EncodeOptions {
  /** skip the fast paths (scan-json-request.ts, scan-protobuf-request.ts); for tests that compare them with the general path */
  generalPathOnly?: boolean
}

/**
 * Spans a fast scanner reads before their traces are encoded. A Collector batch (8,192 one-span traces) held all its
 * records (~9 MB) until the last was read, long enough for V8 to promote them all; in windows, at most this many are
 * alive. A trace whose spans fall in two windows gets two chunks, as if it had come in two requests.
 */
export const RECORD_WINDOW_SPANS = 1024

/**
 * Decodes and validates one OTLP export request and encodes its spans into
 * one chunk per trace. Needs no database, so it can run on an ingest worker.
 * Throws OtlpRequestError when the request as a whole is malformed.
 */
export function encodeBatch(encoding: OtlpEncoding, body: Uint8Array, options: EncodeOptions = {}): EncodedBatch {
  const traces: TraceChunk[] = []
  const sink: ChunkSink = { add: (chunk) => traces.push(chunk), reset: () => (traces.length = 0) }
  return { ...encodeInto(encoding, body, options, sink), traces }
}

/** encodeBatch for an ingest worker: the chunks go into a PackedBatch as they are made. */
export function encodePackedBatch(encoding: OtlpEncoding, body: Uint8Array): PackedBatch {
  const builder = new PackedBatchBuilder()
  return builder.finish(encodeInto(encoding, body, {}, builder))
}

/** Where chunks go as they are made; reset when the fast path gives up after some of its windows were encoded. */
interface ChunkSink {
  add(chunk: TraceChunk): void
  reset(): void
}

function encodeInto(encoding: OtlpEncoding, body: Uint8Array, options: EncodeOptions, sink: ChunkSink): BatchRows {
  const bodyBuffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  const text = encoding === 'json' ? bodyBuffer.toString('utf8') : ''
  if (!options.generalPathOnly) {
    const resources = new ContentRows()
    const scopes = new ContentRows()
    const ids: ContentIds = { resourceId: (json) => resources.idOf(json), scopeId: (json) => scopes.idOf(json) }
    const encoder = new ChunkEncoder(sink)
    const window: RecordWindow = { size: RECORD_WINDOW_SPANS, flush: (records, attributes) => encoder.encode(groupByTrace(records), attributes) }
    const scanned = encoding === 'json' ? scanJsonRequest(text, ids, window) : scanProtobufRequest(bodyBuffer, ids, window)
    if (scanned) {
      encoder.encode(groupByTrace(scanned.records), scanned.resourceAttributes)
      return encoder.rows(resources, scopes, [])
    }
    sink.reset()
  }
  const decoded = encoding === 'json' ? collectSpans(parseJsonRequestText(text)) : decodeTraceRequest(encoding, bodyBuffer)
  return generalBatch(decoded, sink)
}

/** The general path: spans validated and normalised by collectSpans. */
function generalBatch({ spans, rejected }: DecodedSpans, sink: ChunkSink): BatchRows {
  const resources = new ContentRows()
  const scopes = new ContentRows()
  const resourceAttributes = new Map<number, OtlpKeyValue[]>()
  for (const span of spans) {
    const { stored } = span
    stored.resourceId = resources.idOf(span.resourceJson)
    stored.scopeId = scopes.idOf(span.scopeJson)
    if (!resourceAttributes.has(stored.resourceId)) {
      resourceAttributes.set(stored.resourceId, (JSON.parse(span.resourceJson) as { attributes: OtlpKeyValue[] }).attributes)
    }
  }
  // Records are made one trace at a time, so a batch's span texts are not all alive at once.
  const traces = new Map<string, SpanRecord[]>()
  for (const [traceId, traceSpans] of groupByTrace(spans)) {
    traces.set(
      traceId,
      traceSpans.map((span) => spanRecordOf(traceId, span.stored)),
    )
  }
  const encoder = new ChunkEncoder(sink)
  encoder.encode(traces, resourceAttributes)
  return encoder.rows(resources, scopes, rejected)
}

/** Encodes traces into chunks for a sink, and collects the operations their spans name. */
class ChunkEncoder {
  private readonly operations = new Map<string, Operation>()

  constructor(private readonly sink: ChunkSink) {}

  /** Hands each trace's chunk to the sink, and lets go of the trace's records once it is encoded. */
  encode(traces: Map<string, SpanRecord[]>, resourceAttributes: Map<number, OtlpKeyValue[]>): void {
    const attributesOf = (resourceId: number) => resourceAttributes.get(resourceId) ?? []
    for (const [traceId, records] of traces) {
      traces.delete(traceId)
      for (const record of records) {
        const operationKey = `${record.serviceName}\u0000${record.name}\u0000${record.kind}`
        if (!this.operations.has(operationKey)) {
          const id = operationId(record.serviceName, record.name, record.kind)
          this.operations.set(operationKey, { id, serviceName: record.serviceName, spanName: record.name, kind: record.kind })
        }
      }
      this.sink.add(buildTraceChunk(traceId, withoutRepeats(records), attributesOf))
    }
  }

  rows(resources: ContentRows, scopes: ContentRows, rejected: RejectedSpan[]): BatchRows {
    return { resources: resources.rows(), scopes: scopes.rows(), operations: [...this.operations.values()], rejected }
  }
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

function groupByTrace<T extends { traceId: string }>(spans: T[]): Map<string, T[]> {
  const byTrace = new Map<string, T[]>()
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
