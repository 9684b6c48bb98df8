import type { ContentRow, WritableBatch } from '../ingest/encoded-batch.js'
import type { OtlpKeyValue } from '../otlp/otlp-types.js'
import type { StoredSpan } from '../ingest/stored-span.js'
import { addDigestToFilter, chunkIdsOfSegment, FILTER_BYTES, PART_BYTES, PART_COUNT, segmentOfChunk } from './digest-filter.js'
import { decodeSpanChunkText, spanIdsOfIndex } from '../ingest/span-chunk-codec.js'
import { spanRecordOf } from '../ingest/span-record.js'
import type { SqliteDatabase } from './open-database.js'
import { buildTraceChunk, type TraceChunk } from '../ingest/trace-chunk.js'
import { mergeSummaries } from '../ingest/trace-summary.js'
import { ReferenceCounts } from './reference-counts.js'
import { readSummaryRow, summaryToRow, type TraceSummaryRow } from './trace-summary-row.js'

interface Statement {
  run(...values: unknown[]): { changes: number }
}

/**
 * Commits encoded batches — one chunk row per trace per batch — and keeps the
 * per-trace summaries and operation lists current, in one transaction per batch.
 * The heavy work (decoding, compressing) is done before, in encodeBatch.
 */
export class SpanWriter {
  private readonly insertChunk
  private readonly selectChunkIndexes
  private readonly selectSummary
  private readonly upsertSummary
  private readonly addOperation
  private readonly addResource
  private readonly addScope
  private readonly selectFilter
  private readonly selectSegmentDigests
  private readonly upsertFilter
  readonly writeBatch: (batch: WritableBatch) => number

  constructor(db: SqliteDatabase) {
    this.insertChunk = db.prepare('INSERT INTO span_chunks (trace_id, span_index, attribute_digest, spans, outline) VALUES (?, ?, ?, ?, ?)')
    this.selectChunkIndexes = db.prepare('SELECT span_index FROM span_chunks WHERE trace_id = ?').pluck()
    this.selectSummary = db.prepare('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true)
    this.upsertSummary = db.prepare(`INSERT OR REPLACE INTO traces (trace_id, start_ns, end_ns, root_span_id, root_start_ns,
      root_service_name, root_span_name, has_root, span_count, error_count, services)
      VALUES (@trace_id, @start_ns, @end_ns, @root_span_id, @root_start_ns, @root_service_name, @root_span_name, @has_root,
      @span_count, @error_count, @services)`)
    // A row is added with the count of the batch's spans that refer to it, or its count grows by that; the WHERE
    // leaves a row with other text under the same id untouched (no change), which the writer refuses.
    this.addOperation = db.prepare(`INSERT INTO operations (id, service_name, span_name, kind, span_count) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET span_count = span_count + excluded.span_count
      WHERE service_name = excluded.service_name AND span_name = excluded.span_name AND kind = excluded.kind`)
    this.addResource = db.prepare(`INSERT INTO resources (id, json, span_count) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET span_count = span_count + excluded.span_count WHERE json = excluded.json`)
    this.addScope = db.prepare(`INSERT INTO scopes (id, json, span_count) VALUES (?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET span_count = span_count + excluded.span_count WHERE json = excluded.json`)
    const allParts = Array.from({ length: PART_COUNT }, (_, part) => part).join(', ')
    this.selectFilter = db.prepare(`SELECT part, bits FROM digest_filters WHERE part IN (${allParts}) AND segment = ?`)
    this.selectSegmentDigests = db.prepare('SELECT attribute_digest FROM span_chunks WHERE id BETWEEN ? AND ?').pluck()
    this.upsertFilter = db.prepare('INSERT OR REPLACE INTO digest_filters (part, segment, bits) VALUES (?, ?, ?)')
    // IMMEDIATE takes the write lock up front, so the read-merge-write of a trace
    // summary cannot interleave with another connection's writes.
    const transaction = db.transaction((batch: WritableBatch) => this.write(batch))
    this.writeBatch = (batch) => transaction.immediate(batch)
  }

  /** Returns how many spans were new (a span sent twice, as by an exporter retry, is stored and counted once). */
  private write(batch: WritableBatch): number {
    const references = new ReferenceCounts()
    let insertedCount = 0
    // each segment's filter, read once and extended chunk by chunk: no digest outlives its chunk's turn
    const filtersBySegment = new Map<number, Buffer>()
    for (const encoded of batch.traces) {
      const storedRow = this.selectSummary.get(encoded.traceId) as TraceSummaryRow | undefined
      const chunk = storedRow ? this.withoutStoredSpans(encoded, batch.resources) : encoded
      if (!chunk) continue
      const { lastInsertRowid } = this.insertChunk.run(chunk.traceId, chunk.index, chunk.attributeDigest, toBuffer(chunk.spans), toBuffer(chunk.outline))
      const segment = segmentOfChunk(Number(lastInsertRowid))
      let filter = filtersBySegment.get(segment)
      if (!filter) filtersBySegment.set(segment, (filter = this.readFilter(segment)))
      // a Bloom filter's bits are ORed: adding a digest a rebuilt filter already has changes nothing
      addDigestToFilter(filter, chunk.attributeDigest)
      const summary = storedRow ? mergeSummaries(readSummaryRow(storedRow), chunk.summary) : chunk.summary
      this.upsertSummary.run(summaryToRow(summary))
      references.addIndex(chunk.index)
      insertedCount += chunk.spanIds.length
    }
    for (const [segment, filter] of filtersBySegment) this.writeFilter(segment, filter)
    this.addReferences(batch, references)
    return insertedCount
  }

  /** Adds the spans just stored to the counts of the resources, scopes and operations they refer to (only spans that were new). */
  private addReferences(batch: WritableBatch, references: ReferenceCounts): void {
    const { resources, scopes, operations } = references.byTable
    for (const row of batch.resources) addContentRow(this.addResource, resources.get(row.id), row.id, row.json)
    for (const row of batch.scopes) addContentRow(this.addScope, scopes.get(row.id), row.id, row.json)
    for (const { id, serviceName, spanName, kind } of batch.operations) {
      const spanCount = operations.get(id)
      if (spanCount && this.addOperation.run(id, serviceName, spanName, kind, spanCount).changes === 0) throw idTaken(id)
    }
  }

  /**
   * A segment's filter, read when this transaction first adds a chunk to it (and that chunk added): another writer on
   * the file may have extended it meanwhile. A missing or odd-sized filter is made from all of the segment's chunks
   * stored so far, the one just inserted included: it must not miss one.
   */
  private readFilter(segment: number): Buffer {
    const filter = Buffer.alloc(FILTER_BYTES)
    const parts = this.selectFilter.all(segment) as { part: number; bits: Buffer }[]
    const complete = parts.length === PART_COUNT && parts.every(({ bits }) => bits.length === PART_BYTES)
    if (complete) {
      for (const { part, bits } of parts) bits.copy(filter, part * PART_BYTES)
      return filter
    }
    const { firstId, lastId } = chunkIdsOfSegment(segment)
    for (const digest of this.selectSegmentDigests.all(firstId, lastId) as string[]) addDigestToFilter(filter, digest)
    return filter
  }

  private writeFilter(segment: number, filter: Buffer): void {
    for (let part = 0; part < PART_COUNT; part += 1) this.upsertFilter.run(part, segment, filter.subarray(part * PART_BYTES, (part + 1) * PART_BYTES))
  }

  /** The chunk without the spans already stored for its trace; re-encoded only in that (rare) case; null when nothing is new. */
  private withoutStoredSpans(chunk: TraceChunk, resources: ContentRow[]): TraceChunk | null {
    const storedIds = new Set((this.selectChunkIndexes.all(chunk.traceId) as string[]).flatMap(spanIdsOfIndex))
    if (!chunk.spanIds.some((spanId) => storedIds.has(spanId))) return chunk
    const newSpans = (JSON.parse(decodeSpanChunkText(toBuffer(chunk.spans))) as StoredSpan[]).filter((span) => !storedIds.has(span.spanId))
    if (newSpans.length === 0) return null
    const attributesById = new Map(resources.map((row) => [row.id, (JSON.parse(row.json) as { attributes: OtlpKeyValue[] }).attributes]))
    return buildTraceChunk(
      chunk.traceId,
      newSpans.map((stored) => spanRecordOf(chunk.traceId, stored)),
      (id) => attributesById.get(id) ?? [],
    )
  }
}

function addContentRow(add: Statement, spanCount: number | undefined, id: number, json: string): void {
  // Ids are derived from the text (content-id.ts): a different text under the same id would mislabel spans.
  if (spanCount && add.run(id, json, spanCount).changes === 0) throw idTaken(id)
}

function idTaken(id: number): Error {
  return new Error(`content id ${id} is already used by other resource, scope or operation text`)
}

/** A structured clone turns Buffers into plain Uint8Arrays; SQLite needs a Buffer to store a BLOB. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
