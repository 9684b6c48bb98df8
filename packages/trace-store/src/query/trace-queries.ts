import type { SqliteDatabase } from '../store/open-database.js'
import { readSummaryRow, type TraceSummaryRow } from '../store/trace-summary-row.js'
import { encodeCursor, type TraceSearch } from './trace-search.js'
import { durationMsBetween, toSummaryView, type SpanView, type TraceSummaryView, type TraceView } from './trace-views.js'

const NS_PER_MS = 1_000_000n

interface SpanRow {
  trace_id: string
  span_id: string
  parent_span_id: string | null
  trace_state: string
  flags: bigint
  name: string
  kind: bigint
  start_ns: bigint
  end_ns: bigint
  status_code: bigint
  status_message: string
  service_name: string
  resource_id: bigint
  scope_id: bigint
  attributes: string
  dropped_attributes_count: bigint
  events: string
  dropped_events_count: bigint
  links: string
  dropped_links_count: bigint
}

export interface SearchPage {
  traces: TraceSummaryView[]
  /** pass back as `cursor` for the next page; null on the last page */
  nextCursor: string | null
}

export interface OperationView {
  name: string
  spanKind: number
}

// Matches one span attribute; the instr() pre-check skips the JSON parse of spans that cannot match.
function attributeCondition(index: number): string {
  return `EXISTS (SELECT 1 FROM spans s, json_each(s.attributes) a
    WHERE s.trace_id = t.trace_id AND instr(s.attributes, @attributeNeedle${index}) > 0
    AND json_extract(a.value, '$.key') = @attributeKey${index}
    AND (json_extract(a.value, '$.value.stringValue') = @attributeValue${index}
      OR json_extract(a.value, '$.value.intValue') = @attributeValue${index}
      OR CAST(json_extract(a.value, '$.value.doubleValue') AS TEXT) = @attributeValue${index}
      OR json_type(a.value, '$.value.boolValue') = @attributeValue${index}))`
}

/** Read side of the store: searches summaries, loads traces, lists services and operations. */
export class TraceQueries {
  private readonly selectSpans
  private readonly selectSummary
  private readonly selectResources
  private readonly selectScopes
  private readonly selectServices
  private readonly selectOperations
  private readonly searchStatements = new Map<string, ReturnType<SqliteDatabase['prepare']>>()

  constructor(private readonly db: SqliteDatabase) {
    this.selectSpans = db.prepare('SELECT * FROM spans WHERE trace_id = ? ORDER BY start_ns, span_id').safeIntegers(true)
    this.selectSummary = db.prepare('SELECT * FROM traces WHERE trace_id = ?').safeIntegers(true)
    this.selectResources = db.prepare('SELECT id, json FROM resources WHERE id IN (SELECT value FROM json_each(?))')
    this.selectScopes = db.prepare('SELECT id, json FROM scopes WHERE id IN (SELECT value FROM json_each(?))')
    this.selectServices = db.prepare('SELECT DISTINCT service_name FROM operations ORDER BY service_name').pluck()
    this.selectOperations = db.prepare('SELECT span_name, kind FROM operations WHERE service_name = ? ORDER BY span_name, kind')
  }

  services(): string[] {
    return this.selectServices.all() as string[]
  }

  operations(service: string): OperationView[] {
    const rows = this.selectOperations.all(service) as { span_name: string; kind: number }[]
    return rows.map((row) => ({ name: row.span_name, spanKind: row.kind }))
  }

  search(search: TraceSearch): SearchPage {
    const conditions: string[] = []
    const params: Record<string, unknown> = { limit: search.limit + 1 }
    if (search.cursor) {
      conditions.push('(t.start_ns, t.trace_id) < (@cursorStart, @cursorTraceId)')
      params.cursorStart = search.cursor.startTimeUnixNano
      params.cursorTraceId = search.cursor.traceId
    }
    if (search.startFromMs !== undefined) {
      conditions.push('t.start_ns >= @startFrom')
      params.startFrom = BigInt(search.startFromMs) * NS_PER_MS
    }
    if (search.startToMs !== undefined) {
      conditions.push('t.start_ns <= @startTo')
      params.startTo = BigInt(search.startToMs) * NS_PER_MS + (NS_PER_MS - 1n)
    }
    if (search.minDurationMs !== undefined) {
      conditions.push('t.end_ns - t.start_ns >= @minDuration')
      params.minDuration = BigInt(Math.round(search.minDurationMs * 1e6))
    }
    if (search.maxDurationMs !== undefined) {
      conditions.push('t.end_ns - t.start_ns <= @maxDuration')
      params.maxDuration = BigInt(Math.round(search.maxDurationMs * 1e6))
    }
    if (search.errorsOnly) conditions.push('t.error_count > 0')
    if (search.service !== undefined || search.spanName !== undefined) {
      const operationConditions = ['o.trace_id = t.trace_id']
      if (search.service !== undefined) {
        operationConditions.push('o.service_name = @service')
        params.service = search.service
      }
      if (search.spanName !== undefined) {
        operationConditions.push('o.span_name = @spanName')
        params.spanName = search.spanName
      }
      conditions.push(`EXISTS (SELECT 1 FROM trace_operations o WHERE ${operationConditions.join(' AND ')})`)
    }
    search.attributes?.forEach((attribute, index) => {
      conditions.push(attributeCondition(index))
      params[`attributeNeedle${index}`] = JSON.stringify(attribute.key)
      params[`attributeKey${index}`] = attribute.key
      params[`attributeValue${index}`] = attribute.value
    })
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''
    const sql = `SELECT t.* FROM traces t ${where} ORDER BY t.start_ns DESC, t.trace_id DESC LIMIT @limit`
    const rows = this.prepareSearch(sql).all(params) as TraceSummaryRow[]
    const page = rows.slice(0, search.limit).map((row) => readSummaryRow(row))
    const last = page.at(-1)
    const nextCursor =
      rows.length > search.limit && last ? encodeCursor({ startTimeUnixNano: last.startTimeUnixNano, traceId: last.traceId }) : null
    return { traces: page.map(toSummaryView), nextCursor }
  }

  private prepareSearch(sql: string) {
    let statement = this.searchStatements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql).safeIntegers(true)
      this.searchStatements.set(sql, statement)
    }
    return statement
  }

  trace(traceId: string): TraceView | null {
    const summaryRow = this.selectSummary.get(traceId) as TraceSummaryRow | undefined
    if (!summaryRow) return null
    const rows = this.selectSpans.all(traceId) as SpanRow[]
    const spans = rows.map(toSpanView)
    const resourceIds = [...new Set(spans.map((span) => Number(span.resourceId)))]
    const scopeIds = [...new Set(spans.map((span) => Number(span.scopeId)))]
    const resources = Object.fromEntries(
      (this.selectResources.all(JSON.stringify(resourceIds)) as { id: number; json: string }[]).map((row) => [String(row.id), JSON.parse(row.json)]),
    )
    const scopes = Object.fromEntries(
      (this.selectScopes.all(JSON.stringify(scopeIds)) as { id: number; json: string }[]).map((row) => [String(row.id), JSON.parse(row.json)]),
    )
    return { traceId, summary: toSummaryView(readSummaryRow(summaryRow)), resources, scopes, spans }
  }
}

function toSpanView(row: SpanRow): SpanView {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    traceState: row.trace_state,
    flags: Number(row.flags),
    name: row.name,
    kind: Number(row.kind),
    startTimeUnixNano: row.start_ns.toString(),
    endTimeUnixNano: row.end_ns.toString(),
    durationMs: durationMsBetween(row.start_ns, row.end_ns),
    status: { code: Number(row.status_code), message: row.status_message },
    serviceName: row.service_name,
    resourceId: row.resource_id.toString(),
    scopeId: row.scope_id.toString(),
    attributes: JSON.parse(row.attributes),
    droppedAttributesCount: Number(row.dropped_attributes_count),
    events: JSON.parse(row.events),
    droppedEventsCount: Number(row.dropped_events_count),
    links: JSON.parse(row.links),
    droppedLinksCount: Number(row.dropped_links_count),
  }
}
