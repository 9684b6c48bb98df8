import type { ContentRow, EncodedBatch, Operation } from '../ingest/encoded-batch.js'
import type { OtlpKeyValue, StoredSpan } from '../otlp/otlp-types.js'
import { decodeSpanChunkText, spanIdsOfIndex } from './span-chunk-codec.js'
import { spanRecordOf } from './span-record.js'
import type { SqliteDatabase } from './open-database.js'
import { buildTraceChunk, type TraceChunk } from './trace-chunk.js'
import { mergeSummaries } from './trace-summary.js'
import { readSummaryRow, summaryToRow, type TraceSummaryRow } from './trace-summary-row.js'

const MAX_CACHED_KEYS = 10_000

interface Statement {
  run(...values: unknown[]): unknown
  get(...values: unknown[]): unknown
}

/**
 * Commits encoded batches — one chunk row per trace per batch — and keeps the
 * per-trace summaries and operation lists current, in one transaction per batch.
 * The heavy work (decoding, compressing) is done before, in encodeBatch.
 */
export class SpanWriter {
  private readonly knownResourceIds = new Set<number>()
  private readonly knownScopeIds = new Set<number>()
  private readonly knownOperations = new Set<string>()
  private readonly insertChunk
  private readonly selectChunkIndexes
  private readonly selectSummary
  private readonly upsertSummary
  private readonly insertOperation
  private readonly insertResource
  private readonly selectResource
  private readonly insertScope
  private readonly selectScope
  readonly writeBatch: (batch: EncodedBatch) => number

  constructor(db: SqliteDatabase) {
    this.insertChunk = db.prepare('INSERT INTO span_chunks (trace_id, span_index, attribute_digest, spans, outline) VALUES (?, ?, ?, ?, ?)')
    this.selectChunkIndexes = db.prepare('SELECT span_index FROM span_chunks WHERE trace_id = ?').pluck()
    this.selectSummary = db.prepare('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true)
    this.upsertSummary = db.prepare(`INSERT OR REPLACE INTO traces (trace_id, start_ns, end_ns, root_span_id, root_start_ns,
      root_service_name, root_span_name, has_root, span_count, error_count, services)
      VALUES (@trace_id, @start_ns, @end_ns, @root_span_id, @root_start_ns, @root_service_name, @root_span_name, @has_root,
      @span_count, @error_count, @services)`)
    this.insertOperation = db.prepare('INSERT OR IGNORE INTO operations (service_name, span_name, kind) VALUES (?, ?, ?)')
    this.insertResource = db.prepare('INSERT OR IGNORE INTO resources (id, json) VALUES (?, ?)')
    this.selectResource = db.prepare('SELECT json FROM resources WHERE id = ?').pluck()
    this.insertScope = db.prepare('INSERT OR IGNORE INTO scopes (id, json) VALUES (?, ?)')
    this.selectScope = db.prepare('SELECT json FROM scopes WHERE id = ?').pluck()
    // IMMEDIATE takes the write lock up front, so the read-merge-write of a trace
    // summary cannot interleave with another connection's writes.
    const transaction = db.transaction((batch: EncodedBatch) => this.write(batch))
    this.writeBatch = (batch) => transaction.immediate(batch)
  }

  /** Returns how many spans were new (a span sent twice, as by an exporter retry, is stored and counted once). */
  private write(batch: EncodedBatch): number {
    for (const row of batch.resources) this.ensureContentRow(row, this.knownResourceIds, this.insertResource, this.selectResource)
    for (const row of batch.scopes) this.ensureContentRow(row, this.knownScopeIds, this.insertScope, this.selectScope)
    for (const operation of batch.operations) this.rememberOperation(operation)
    let insertedCount = 0
    for (const encoded of batch.traces) {
      const storedRow = this.selectSummary.get(encoded.traceId) as TraceSummaryRow | undefined
      const chunk = storedRow ? this.withoutStoredSpans(encoded, batch.resources) : encoded
      if (!chunk) continue
      this.insertChunk.run(chunk.traceId, chunk.index, chunk.attributeDigest, toBuffer(chunk.spans), toBuffer(chunk.outline))
      const summary = storedRow ? mergeSummaries(readSummaryRow(storedRow), chunk.summary) : chunk.summary
      this.upsertSummary.run(summaryToRow(summary))
      insertedCount += chunk.spanIds.length
    }
    return insertedCount
  }

  /** The chunk without the spans already stored for its trace; re-encoded only in that (rare) case; null when nothing is new. */
  private withoutStoredSpans(chunk: TraceChunk, resources: ContentRow[]): TraceChunk | null {
    const storedIds = new Set((this.selectChunkIndexes.all(chunk.traceId) as string[]).flatMap(spanIdsOfIndex))
    if (!chunk.spanIds.some((spanId) => storedIds.has(spanId))) return chunk
    const newSpans = (JSON.parse(decodeSpanChunkText(toBuffer(chunk.spans))) as StoredSpan[]).filter((span) => !storedIds.has(span.spanId))
    if (newSpans.length === 0) return null
    const attributesById = new Map(resources.map((row) => [row.id, (JSON.parse(row.json) as { attributes: OtlpKeyValue[] }).attributes]))
    return buildTraceChunk(chunk.traceId, newSpans.map((stored) => spanRecordOf(chunk.traceId, stored)), (id) => attributesById.get(id) ?? [])
  }

  private rememberOperation({ serviceName, spanName, kind }: Operation): void {
    const key = `${serviceName}\u0000${spanName}\u0000${kind}`
    if (this.knownOperations.has(key)) return
    if (this.knownOperations.size >= MAX_CACHED_KEYS) this.knownOperations.clear()
    this.knownOperations.add(key)
    this.insertOperation.run(serviceName, spanName, kind)
  }

  private ensureContentRow(row: ContentRow, known: Set<number>, insert: Statement, select: Statement): void {
    if (known.has(row.id)) return
    insert.run(row.id, row.json)
    // Ids are derived from the text (content-id.ts): a different text under the same id would mislabel spans.
    if (select.get(row.id) !== row.json) throw new Error(`content id ${row.id} is already used by other resource or scope text`)
    if (known.size >= MAX_CACHED_KEYS) known.clear()
    known.add(row.id)
  }
}

/** A structured clone turns Buffers into plain Uint8Arrays; SQLite needs a Buffer to store a BLOB. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
