import type { IngestSpan } from '../otlp/otlp-types.js'
import type { SqliteDatabase } from './open-database.js'
import { mergeSummaries, summaryOfSpan, type TraceSummary } from './trace-summary.js'
import { readSummaryRow, summaryToRow, type TraceSummaryRow } from './trace-summary-row.js'

const MAX_CACHED_KEYS = 10_000

/** Writes validated spans and keeps the per-trace summaries and operation lists current, in one transaction per batch. */
export class SpanWriter {
  private readonly resourceIds = new Map<string, number>()
  private readonly scopeIds = new Map<string, number>()
  private readonly knownOperations = new Set<string>()
  private readonly insertSpan
  private readonly selectSummary
  private readonly upsertSummary
  private readonly insertTraceOperation
  private readonly insertOperation
  private readonly insertResource
  private readonly selectResource
  private readonly insertScope
  private readonly selectScope
  readonly writeBatch: (spans: IngestSpan[]) => number

  constructor(private readonly db: SqliteDatabase) {
    this.insertSpan = db.prepare(`INSERT OR IGNORE INTO spans (trace_id, span_id, parent_span_id, trace_state, flags, name, kind,
      start_ns, end_ns, status_code, status_message, service_name, resource_id, scope_id, attributes, dropped_attributes_count,
      events, dropped_events_count, links, dropped_links_count)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    this.selectSummary = db.prepare('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true)
    this.upsertSummary = db.prepare(`INSERT OR REPLACE INTO traces (trace_id, start_ns, end_ns, root_span_id, root_start_ns,
      root_service_name, root_span_name, has_root, span_count, error_count, services)
      VALUES (@trace_id, @start_ns, @end_ns, @root_span_id, @root_start_ns, @root_service_name, @root_span_name, @has_root,
      @span_count, @error_count, @services)`)
    this.insertTraceOperation = db.prepare('INSERT OR IGNORE INTO trace_operations (trace_id, service_name, span_name) VALUES (?, ?, ?)')
    this.insertOperation = db.prepare('INSERT OR IGNORE INTO operations (service_name, span_name, kind) VALUES (?, ?, ?)')
    this.insertResource = db.prepare('INSERT OR IGNORE INTO resources (json) VALUES (?)')
    this.selectResource = db.prepare('SELECT id FROM resources WHERE json = ?').pluck()
    this.insertScope = db.prepare('INSERT OR IGNORE INTO scopes (json) VALUES (?)')
    this.selectScope = db.prepare('SELECT id FROM scopes WHERE json = ?').pluck()
    this.writeBatch = db.transaction((spans: IngestSpan[]) => this.write(spans))
  }

  private write(spans: IngestSpan[]): number {
    const batchSummaries = new Map<string, TraceSummary>()
    const traceOperations = new Set<string>()
    let insertedCount = 0
    for (const span of spans) {
      const resourceId = this.idOf(span.resourceJson, this.resourceIds, this.insertResource, this.selectResource)
      const scopeId = this.idOf(span.scopeJson, this.scopeIds, this.insertScope, this.selectScope)
      const result = this.insertSpan.run(
        span.traceId, span.spanId, span.parentSpanId, span.traceState, span.flags, span.name, span.kind,
        span.startTimeUnixNano, span.endTimeUnixNano, span.statusCode, span.statusMessage, span.serviceName,
        resourceId, scopeId, span.attributesJson, span.droppedAttributesCount, span.eventsJson,
        span.droppedEventsCount, span.linksJson, span.droppedLinksCount,
      )
      // A span sent twice (an exporter retry) is stored and counted once.
      if (result.changes === 0) continue
      insertedCount += 1
      const spanSummary = summaryOfSpan(span)
      const known = batchSummaries.get(span.traceId)
      batchSummaries.set(span.traceId, known ? mergeSummaries(known, spanSummary) : spanSummary)
      traceOperations.add(`${span.traceId}\u0000${span.serviceName}\u0000${span.name}`)
      this.rememberOperation(span)
    }
    for (const operation of traceOperations) {
      const [traceId, serviceName, spanName] = operation.split('\u0000')
      this.insertTraceOperation.run(traceId, serviceName, spanName)
    }
    for (const summary of batchSummaries.values()) {
      const storedRow = this.selectSummary.get(summary.traceId) as TraceSummaryRow | undefined
      const merged = storedRow ? mergeSummaries(readSummaryRow(storedRow), summary) : summary
      this.upsertSummary.run(summaryToRow(merged))
    }
    return insertedCount
  }

  private rememberOperation(span: IngestSpan): void {
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

  /** Forget cached ids: after retention deleted rows they may no longer exist. */
  clearCaches(): void {
    this.resourceIds.clear()
    this.scopeIds.clear()
    this.knownOperations.clear()
  }
}
