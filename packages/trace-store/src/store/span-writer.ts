import type { IngestSpan, OtlpKeyValue, StoredSpan } from '../otlp/otlp-types.js'
import { AttributeDigestBuilder } from './attribute-digest.js'
import { encodeSpanChunk, spanIdsOfIndex } from './span-chunk-codec.js'
import type { SqliteDatabase } from './open-database.js'
import { addSpanToSummary, mergeSummaries, summaryOfSpan } from './trace-summary.js'
import { readSummaryRow, summaryToRow, type TraceSummaryRow } from './trace-summary-row.js'

const MAX_CACHED_KEYS = 10_000

/**
 * Writes validated spans — one chunk row per trace per batch — and keeps the
 * per-trace summaries and operation lists current, in one transaction per batch.
 */
export class SpanWriter {
  private readonly resourceIds = new Map<string, number>()
  private readonly scopeIds = new Map<string, number>()
  private readonly knownOperations = new Set<string>()
  private readonly resourceAttributeLists = new Map<string, OtlpKeyValue[]>()
  private readonly insertChunk
  private readonly selectChunkIndexes
  private readonly selectSummary
  private readonly upsertSummary
  private readonly insertOperation
  private readonly insertResource
  private readonly selectResource
  private readonly insertScope
  private readonly selectScope
  readonly writeBatch: (spans: IngestSpan[]) => number

  constructor(db: SqliteDatabase) {
    this.insertChunk = db.prepare('INSERT INTO span_chunks (trace_id, span_index, attribute_digest, spans) VALUES (?, ?, ?, ?)')
    this.selectChunkIndexes = db.prepare('SELECT span_index FROM span_chunks WHERE trace_id = ?').pluck()
    this.selectSummary = db.prepare('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true)
    this.upsertSummary = db.prepare(`INSERT OR REPLACE INTO traces (trace_id, start_ns, end_ns, root_span_id, root_start_ns,
      root_service_name, root_span_name, has_root, span_count, error_count, services)
      VALUES (@trace_id, @start_ns, @end_ns, @root_span_id, @root_start_ns, @root_service_name, @root_span_name, @has_root,
      @span_count, @error_count, @services)`)
    this.insertOperation = db.prepare('INSERT OR IGNORE INTO operations (service_name, span_name, kind) VALUES (?, ?, ?)')
    this.insertResource = db.prepare('INSERT OR IGNORE INTO resources (json) VALUES (?)')
    this.selectResource = db.prepare('SELECT id FROM resources WHERE json = ?').pluck()
    this.insertScope = db.prepare('INSERT OR IGNORE INTO scopes (json) VALUES (?)')
    this.selectScope = db.prepare('SELECT id FROM scopes WHERE json = ?').pluck()
    // IMMEDIATE takes the write lock up front, so the read-merge-write of a trace
    // summary cannot interleave with another connection's writes.
    const transaction = db.transaction((spans: IngestSpan[]) => this.write(spans))
    this.writeBatch = (spans) => transaction.immediate(spans)
  }

  private write(spans: IngestSpan[]): number {
    let insertedCount = 0
    for (const [traceId, traceSpans] of groupByTrace(spans)) {
      const storedRow = this.selectSummary.get(traceId) as TraceSummaryRow | undefined
      // A span sent twice (an exporter retry) is stored and counted once.
      const newSpans = storedRow ? this.withoutStoredSpans(traceId, traceSpans) : withoutRepeats(traceSpans)
      if (newSpans.length === 0) continue
      const storedSpans: StoredSpan[] = []
      const digest = new AttributeDigestBuilder()
      const batchSummary = summaryOfSpan(newSpans[0]!)
      for (const [index, span] of newSpans.entries()) {
        span.stored.resourceId = this.idOf(span.resourceJson, this.resourceIds, this.insertResource, this.selectResource)
        span.stored.scopeId = this.idOf(span.scopeJson, this.scopeIds, this.insertScope, this.selectScope)
        storedSpans.push(span.stored)
        digest.addSpan(span.stored)
        digest.addAttributes(this.resourceAttributes(span.resourceJson))
        if (index > 0) addSpanToSummary(batchSummary, span)
        this.rememberOperation(span.stored)
      }
      const chunk = encodeSpanChunk(storedSpans)
      this.insertChunk.run(traceId, chunk.index, digest.build(), chunk.spans)
      const summary = storedRow ? mergeSummaries(readSummaryRow(storedRow), batchSummary) : batchSummary
      this.upsertSummary.run(summaryToRow(summary))
      insertedCount += newSpans.length
    }
    return insertedCount
  }

  private resourceAttributes(resourceJson: string): OtlpKeyValue[] {
    let attributes = this.resourceAttributeLists.get(resourceJson)
    if (!attributes) {
      attributes = (JSON.parse(resourceJson) as { attributes: OtlpKeyValue[] }).attributes
      if (this.resourceAttributeLists.size >= MAX_CACHED_KEYS) this.resourceAttributeLists.clear()
      this.resourceAttributeLists.set(resourceJson, attributes)
    }
    return attributes
  }

  private withoutStoredSpans(traceId: string, spans: IngestSpan[]): IngestSpan[] {
    const storedIds = new Set((this.selectChunkIndexes.all(traceId) as string[]).flatMap(spanIdsOfIndex))
    return spans.filter((span) => {
      if (storedIds.has(span.stored.spanId)) return false
      storedIds.add(span.stored.spanId)
      return true
    })
  }

  private rememberOperation(span: StoredSpan): void {
    const key = `${span.serviceName}\u0000${span.name}\u0000${span.kind}`
    if (this.knownOperations.has(key)) return
    if (this.knownOperations.size >= MAX_CACHED_KEYS) this.knownOperations.clear()
    this.knownOperations.add(key)
    this.insertOperation.run(span.serviceName, span.name, span.kind)
  }

  private idOf(
    json: string,
    cache: Map<string, number>,
    insert: { run(json: string): unknown },
    select: { get(json: string): unknown },
  ): number {
    const cached = cache.get(json)
    if (cached !== undefined) return cached
    insert.run(json)
    const id = Number(select.get(json))
    if (cache.size >= MAX_CACHED_KEYS) cache.clear()
    cache.set(json, id)
    return id
  }
}

function groupByTrace(spans: IngestSpan[]): Map<string, IngestSpan[]> {
  const byTrace = new Map<string, IngestSpan[]>()
  for (const span of spans) {
    const group = byTrace.get(span.traceId)
    if (group) group.push(span)
    else byTrace.set(span.traceId, [span])
  }
  return byTrace
}

function withoutRepeats(spans: IngestSpan[]): IngestSpan[] {
  if (spans.length === 1) return spans
  const seen = new Set<string>()
  return spans.filter((span) => !seen.has(span.stored.spanId) && seen.add(span.stored.spanId))
}
